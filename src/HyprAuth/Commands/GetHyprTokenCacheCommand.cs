using HyprAuth.Completers;
using HyprAuth.Core.Errors;

namespace HyprAuth.Commands;

/// <summary>
/// Lists the entries of the token caches: the process-wide one and, when switched on, the current user's persistent one.
/// Tenant, client, scope, expiry: never a token or a key.
/// </summary>
[Cmdlet(VerbsCommon.Get, "HyprTokenCache")]
[OutputType(typeof(HyprTokenCacheEntry))]
public sealed class GetHyprTokenCacheCommand : HyprCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TenantUriCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? TenantUri { get; set; }

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    /// <summary>Which caches to list; both by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public HyprTokenCacheLocation[] Location { get; set; } = { HyprTokenCacheLocation.Process, HyprTokenCacheLocation.CurrentUser };

    protected override void ProcessRecord()
    {
        try
        {
            foreach (HyprTokenCacheEntry entry in CacheEntries.List(Location, new CacheFilter(TenantUri, ClientId), new DirectEvents(this)))
            {
                WriteObject(entry);
            }
        }
        catch (HyprAuthException exception)
        {
            ThrowFor(exception, TenantUri);
        }
    }
}
