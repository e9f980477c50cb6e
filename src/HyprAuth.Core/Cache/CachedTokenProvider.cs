using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Cache;

/// <summary>The tokens of one cache entry for <see cref="ApiClient"/>: renewed near expiry, and once more when the API rejects one.</summary>
/// <param name="transport">How exchanges this provider starts are sent; null for the settings the entry was created with.</param>
/// <param name="held">The token the caller holds, used as it is until it expires should the entry be cleared.</param>
public sealed class CachedTokenProvider(TokenCacheHandle handle, TransportOptions? transport = null, HeldToken? held = null) : ITokenProvider
{
    public async Task<string> GetAccessTokenAsync(IHyprEvents events, CancellationToken cancellationToken)
    {
        try
        {
            var cached = await handle.Cache.GetTokenAsync(handle, transport, events, cancellationToken).ConfigureAwait(false);
            return cached.Token.AccessToken;
        }
        catch (HyprTokenUnavailableException cleared) when (cleared.Reason == TokenUnavailableReason.Cleared && held != null
            && handle.Cache.Clock.GetUtcNow() < held.ExpiresAt)
        {
            // Clearing the cache drops the key, not the user's token: it is still valid, it just cannot be renewed.
            events.Verbose($"The token cache no longer holds {handle} (cleared); the token given " +
                $"is used as it is until it expires at {held.ExpiresAt:u}, and cannot be renewed.");
            return held.ReadValue();
        }
    }

    /// <exception cref="HyprTokenUnavailableException">No new token, and why (see <see cref="TokenCache.RenewRejectedAsync"/>).</exception>
    public async Task<string?> RenewAsync(string rejectedAccessToken, IHyprEvents events, CancellationToken cancellationToken)
    {
        var cached =
            await handle.Cache.RenewRejectedAsync(handle, rejectedAccessToken, transport, events, cancellationToken).ConfigureAwait(false);
        return cached.Token.AccessToken;
    }

    public override string ToString() => handle.ToString();
}
