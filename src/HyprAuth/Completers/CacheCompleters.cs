using System.Collections;
using System.Management.Automation.Language;
using HyprAuth.Core.Cache;

namespace HyprAuth.Completers;

/// <summary>Completes -TenantUri with the runspace's connection and the tenants the session cache knows.</summary>
public sealed class TenantUriCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst,
        IDictionary fakeBoundParameters) =>
        Completion.Matching(Completion.Known().Select(e => e.TenantUri.GetLeftPart(UriPartial.Authority)), wordToComplete);
}

/// <summary>Completes -ClientId with the runspace's connection and the clients the session cache knows (of the -TenantUri given, if
/// any).</summary>
public sealed class ClientIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        Uri? tenantUri = TypedTenant(fakeBoundParameters?["TenantUri"]);
        IEnumerable<(Uri TenantUri, string ClientId)> entries = Completion.Known();
        if (tenantUri is not null)
        {
            entries = entries.Where(e => string.Equals(e.TenantUri.Authority, tenantUri.Authority, StringComparison.OrdinalIgnoreCase));
        }

        return Completion.Matching(entries.Select(e => e.ClientId), wordToComplete);
    }

    /// <summary>
    /// The -TenantUri typed so far as the cmdlets would read it: quoted, a bare host name or host:port (no scheme),
    /// with or without a trailing slash; only host and port are compared. Null when nothing usable was typed.
    /// </summary>
    private static Uri? TypedTenant(object? typed)
    {
        string text = (typed is PSObject wrapped ? wrapped.BaseObject : typed)?.ToString()?.Trim().Trim('\'', '"') ?? string.Empty;
        return text.Length > 0
            && Uri.TryCreate(text.IndexOf("://", StringComparison.Ordinal) < 0 ? "https://" + text : text, UriKind.Absolute, out Uri? uri)
            ? uri : null;
    }
}

internal static class Completion
{
    /// <summary>The runspace's connection (which may have no token left in the cache) and the cache's entries.</summary>
    internal static IEnumerable<(Uri TenantUri, string ClientId)> Known()
    {
        HyprConnection? connection = RunspaceConnections.Get();
        IEnumerable<(Uri, string)> cached = TokenCache.Shared.List().Select(e => (e.TenantUri, e.ClientId));
        return connection is null ? cached : new[] { (connection.TenantUri, connection.ClientId) }.Concat(cached);
    }

    internal static IEnumerable<CompletionResult> Matching(IEnumerable<string> candidates, string wordToComplete)
    {
        string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return candidates
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CompletionResult("'" + c.Replace("'", "''") + "'", c, CompletionResultType.ParameterValue, c));
    }
}
