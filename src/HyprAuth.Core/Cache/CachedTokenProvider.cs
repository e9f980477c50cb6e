using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Cache
{
    /// <summary>The tokens of one cache entry for <see cref="ApiClient"/>: renewed near expiry, and once more when the API rejects one.</summary>
    public sealed class CachedTokenProvider : ITokenProvider
    {
        private readonly TokenCacheHandle handle;

        public CachedTokenProvider(TokenCacheHandle handle)
        {
            this.handle = handle;
        }

        public async Task<string> GetAccessTokenAsync(IHyprEvents events, CancellationToken cancellationToken)
        {
            var cached = await handle.Cache.GetTokenAsync(handle, events, cancellationToken).ConfigureAwait(false);
            return cached.Token.AccessToken;
        }

        public async Task<string?> RenewAsync(string rejectedAccessToken, IHyprEvents events, CancellationToken cancellationToken)
        {
            try
            {
                var cached = await handle.Cache.RenewRejectedAsync(handle, rejectedAccessToken, events, cancellationToken).ConfigureAwait(false);
                return cached.Token.AccessToken;
            }
            catch (HyprTokenUnavailableException unavailable)
            {
                // The API's own rejection is the error the caller needs to see; this only explains why no retry followed.
                events.Verbose(unavailable.Message);
                return null;
            }
        }

        public override string ToString() => handle.ToString();
    }
}
