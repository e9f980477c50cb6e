using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace HyprAuth.Completers
{
    /// <summary>Completes Invoke-HyprApi -Path with HYPR's documented API paths.</summary>
    public sealed class ApiPathCompleter : IArgumentCompleter
    {
        // From HYPR's documentation; HYPRDefaultApplication is the rpAppId every tenant has.
        private static readonly string[] s_paths =
        {
            "/rp/api/bulk/HYPRDefaultApplication/introspect",
            "/rp/api/bulk/HYPRDefaultApplication/fetch",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completion.Matching(s_paths, wordToComplete);
    }
}
