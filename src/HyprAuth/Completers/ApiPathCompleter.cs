using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using HyprAuth.Internal;

namespace HyprAuth.Completers;

/// <summary>
/// Completes Invoke-HyprApi -Path with HYPR's documented bulk API routes, for HYPRDefaultApplication (which every
/// tenant has) and for every rpAppId this process has called with success.
/// </summary>
public sealed class ApiPathCompleter : IArgumentCompleter
{
    private const string DefaultRpAppId = "HYPRDefaultApplication";

    // From HYPR's documentation: the bulk API's routes below /rp/api/bulk/{rpAppId}.
    private static readonly string[] Routes = { "introspect", "fetch" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        IEnumerable<string> rpAppIds = new[] { DefaultRpAppId }.Concat(KnownRpAppIds.All);
        return Completion.Matching(rpAppIds.SelectMany(id => Routes.Select(route => $"/rp/api/bulk/{id}/{route}")), wordToComplete);
    }
}
