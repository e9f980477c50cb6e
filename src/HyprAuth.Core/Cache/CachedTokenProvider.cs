using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;

namespace HyprAuth.Core.Cache
{
    /// <summary>The tokens of one cache entry for <see cref="ApiClient"/>: renewed near expiry, and once more when the API rejects one.</summary>
    public sealed class CachedTokenProvider : ITokenProvider
    {
        private readonly TokenCacheHandle handle;
        private readonly TokenTransport? transport;

        /// <param name="transport">How exchanges this provider starts are sent; null for the settings the entry was created with.</param>
        public CachedTokenProvider(TokenCacheHandle handle, TokenTransport? transport = null)
        {
            this.handle = handle;
            this.transport = transport;
        }

        public async Task<string> GetAccessTokenAsync(IHyprEvents events, CancellationToken cancellationToken)
        {
            var cached = await handle.Cache.GetTokenAsync(handle, transport, events, cancellationToken).ConfigureAwait(false);
            return cached.Token.AccessToken;
        }

        /// <exception cref="HyprTokenUnavailableException">No new token, and why (see <see cref="TokenCache.RenewRejectedAsync"/>).</exception>
        public async Task<string?> RenewAsync(string rejectedAccessToken, IHyprEvents events, CancellationToken cancellationToken)
        {
            var cached = await handle.Cache.RenewRejectedAsync(handle, rejectedAccessToken, transport, events, cancellationToken).ConfigureAwait(false);
            return cached.Token.AccessToken;
        }

        public override string ToString() => handle.ToString();
    }
}
