using HyprAuth.Completers;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Cache.Persistent;
using HyprAuth.Core.Errors;

namespace HyprAuth.Commands;

/// <summary>
/// Drops entries of the token caches: from memory (disposing their keys) and from the current user's persistent cache.
/// The next request exchanges anew.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "HyprTokenCache", DefaultParameterSetName = FilterSet, SupportsShouldProcess = true, ConfirmImpact =
    ConfirmImpact.Low)]
[OutputType(typeof(HyprTokenCacheEntry))]
public sealed class ClearHyprTokenCacheCommand : HyprCmdlet
{
    private const string FilterSet = "Filter";
    private const string InputObjectSet = "InputObject";

    [Parameter(Position = 0, ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TenantUriCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? TenantUri { get; set; }

    [Parameter(Position = 1, ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    /// <summary>Which caches to clear; both by default.</summary>
    [Parameter(ParameterSetName = FilterSet)]
    [ValidateNotNullOrEmpty]
    public HyprTokenCacheLocation[] Location { get; set; } = { HyprTokenCacheLocation.Process, HyprTokenCacheLocation.CurrentUser };

    /// <summary>Entries from Get-HyprTokenCache: exactly these are removed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public HyprTokenCacheEntry[]? InputObject { get; set; }

    /// <summary>Write the entries that were removed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            bool declinedOnDisk = false;
            foreach (HyprTokenCacheEntry entry in Selected())
            {
                if (!ShouldProcess($"{entry.ClientId} at {entry.TenantUri} ({entry.Location})", "Remove cached token"
                    + (entry.CanRenew ? " and key" : string.Empty)))
                {
                    declinedOnDisk |= entry.Location == HyprTokenCacheLocation.CurrentUser;
                }
                else if (Remove(entry) && PassThru)
                {
                    WriteObject(entry);
                }
            }

            if (!declinedOnDisk)
            {
                RemoveUnreadableFiles();
            }
        }
        catch (HyprAuthException exception)
        {
            ThrowFor(exception, TenantUri);
        }
    }

    // Permissions are not checked: removing a file others could read is the remedy for TokenCacheFileTooOpen.
    private IEnumerable<HyprTokenCacheEntry> Selected() =>
        ParameterSetName == InputObjectSet
            ? InputObject!
            : CacheEntries.List(Location, new CacheFilter(TenantUri, ClientId), new DirectEvents(this), checkPermissions: false);

    /// <summary>
    /// Clearing the whole persistent cache also removes the files that are not listed because they cannot be read
    /// (damaged, or of another format version): the listing's warning names this as their remedy.
    /// </summary>
    private void RemoveUnreadableFiles()
    {
        if (ParameterSetName != FilterSet || TenantUri is not null || ClientId is not null
            || Array.IndexOf(Location, HyprTokenCacheLocation.CurrentUser) < 0)
        {
            return;
        }

        PersistentTokenStore store = TokenCache.Shared.PersistentStore;
        int left = store.FileCount;
        if (left > 0 && ShouldProcess(store.Folder, $"Remove {left} unreadable persistent token cache file(s)"))
        {
            RunEngine((events, cancellation) => store.ClearAsync(null, events, cancellation));
        }
    }

    private bool Remove(HyprTokenCacheEntry entry) => entry.Handle is TokenCacheHandle handle
        ? TokenCache.Shared.Clear(h => ReferenceEquals(h, handle)) > 0
        : RunEngine((events, cancellation) => TokenCache.Shared.PersistentStore.ClearAsync(e => e.Id == entry.StoreId, events, cancellation)) > 0;
}
