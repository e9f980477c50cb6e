using HyprAuth.Core.Cache;
using HyprAuth.Core.Cache.Persistent;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Internal;

/// <summary>The entries of both caches, as Get-HyprTokenCache and Clear-HyprTokenCache show them.</summary>
internal static class CacheEntries
{
    /// <param name="checkPermissions">False to list a persistent cache whose files others could read, in order to delete them.</param>
    internal static IEnumerable<HyprTokenCacheEntry> List(ICollection<HyprTokenCacheLocation> locations, CacheFilter filter, IHyprEvents events,
        bool checkPermissions = true)
    {
        IEnumerable<HyprTokenCacheEntry> entries = Enumerable.Empty<HyprTokenCacheEntry>();
        if (locations.Contains(HyprTokenCacheLocation.Process))
        {
            entries = entries.Concat(TokenCache.Shared.List().Where(e => filter.Matches(e.TokenEndpoint, e.ClientId)).Select(FromMemory));
        }

        if (locations.Contains(HyprTokenCacheLocation.CurrentUser))
        {
            entries = entries.Concat(TokenCache.Shared.PersistentStore.List(events, checkPermissions).Where(e =>
                filter.Matches(e.TokenEndpoint, e.ClientId)).Select(FromDisk));
        }

        return entries;
    }

    private static HyprTokenCacheEntry FromMemory(TokenCacheEntryInfo entry) => new(entry.TenantUri, entry.TokenEndpoint, entry.ClientId,
        entry.Audience, entry.Scopes.ToArray(), entry.IssuedAt, entry.ExpiresAt, entry.KeyThumbprint, entry.CanRenew, HyprTokenCacheLocation.Process,
        entry.Handle, null);

    private static HyprTokenCacheEntry FromDisk(PersistentTokenInfo entry) => new(entry.TenantUri, entry.TokenEndpoint, entry.ClientId,
        entry.Audience, entry.Scopes.ToArray(), entry.IssuedAt, entry.ExpiresAt, entry.KeyThumbprint, false, HyprTokenCacheLocation.CurrentUser,
        null, entry.Id);
}
