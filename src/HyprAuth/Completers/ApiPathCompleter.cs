using System.Collections;
using System.Management.Automation.Language;
using HyprAuth.Core.Audit;

namespace HyprAuth.Completers;

/// <summary>
/// Completes Invoke-HyprApi -Path with the HYPR routes the module knows: the bulk API's, for HYPRDefaultApplication
/// (which every tenant has) and for every rpAppId this process has called with success, and Control Center's
/// application list and audit search (what Get-HyprApplication and Get-HyprAuditEvent call).
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
        IEnumerable<string> bulk = rpAppIds.SelectMany(id => Routes.Select(route => $"/rp/api/bulk/{id}/{route}"));
        return Completion.Matching(bulk.Concat(new[] { AuditApi.ApplicationsPath, AuditApi.SearchPath }), wordToComplete);
    }
}
