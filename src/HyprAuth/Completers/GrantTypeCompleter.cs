using System.Collections;
using System.Management.Automation.Language;

namespace HyprAuth.Completers;

/// <summary>
/// Completes -GrantType with the two values a token endpoint takes here: HYPR's (authorization_code, the default)
/// and RFC 7523's usual one. A class, not [ArgumentCompletions]: Windows PowerShell 5.1 has no such attribute.
/// </summary>
public sealed class GrantTypeCompleter : IArgumentCompleter
{
    private static readonly string[] GrantTypes = { "authorization_code", "client_credentials" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst,
        IDictionary fakeBoundParameters) =>
        Completion.Matching(GrantTypes, wordToComplete);
}
