using System;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Exchange
{
    /// <summary>
    /// How one caller wants its token exchanges sent: the per-attempt timeout, the retries and the proxy. A caller
    /// renewing through a <see cref="Cache.TokenCacheHandle"/> passes its own, so an exchange it starts obeys its
    /// -TimeoutSec, -MaximumRetryCount and -Proxy rather than those of whoever first created the cache entry.
    /// </summary>
    public sealed class TokenTransport
    {
        public TokenTransport(TimeSpan timeout, RetryPolicy? retryPolicy = null, ProxySettings? proxy = null)
        {
            Timeout = timeout > TimeSpan.Zero || timeout == System.Threading.Timeout.InfiniteTimeSpan
                ? timeout
                : throw new HyprArgumentException("TimeoutSec", "The timeout must be positive.");
            RetryPolicy = retryPolicy ?? RetryPolicy.Default;
            Proxy = proxy ?? ProxySettings.System;
        }

        /// <summary>The limit for each attempt (retries get their own).</summary>
        public TimeSpan Timeout { get; }

        public RetryPolicy RetryPolicy { get; }

        public ProxySettings Proxy { get; }
    }
}
