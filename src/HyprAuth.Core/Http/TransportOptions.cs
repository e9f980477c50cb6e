using System;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Http;

/// <summary>
/// How requests to the tenant are sent: the per-attempt timeout, the retries and the proxy, checked once here.
/// API requests and token requests carry one; a caller renewing through a <see cref="Cache.TokenCacheHandle"/>
/// passes its own, so an exchange it starts obeys its -TimeoutSec, -MaximumRetryCount and -Proxy rather than those of
/// whoever first created the cache entry.
/// </summary>
public sealed class TransportOptions(TimeSpan? timeout = null, RetryPolicy? retryPolicy = null, ProxySettings? proxy = null)
{
    /// <summary>The cmdlets' -TimeoutSec range and default; the engine also takes shorter spans and an infinite one.</summary>
    public const int MinimumTimeoutSeconds = 1;

    public const int MaximumTimeoutSeconds = 3600;

    public const int DefaultTimeoutSeconds = 100;

    public static readonly TransportOptions Default = new();

    /// <summary>The limit for each attempt (retries get their own).</summary>
    public TimeSpan Timeout { get; } = Checked(timeout ?? TimeSpan.FromSeconds(DefaultTimeoutSeconds));

    public RetryPolicy RetryPolicy { get; } = retryPolicy ?? RetryPolicy.Default;

    public ProxySettings Proxy { get; } = proxy ?? ProxySettings.System;

    // CancelAfter takes at most int.MaxValue milliseconds (about 24.8 days); longer would fail on the first attempt.
    private static TimeSpan Checked(TimeSpan limit) =>
        (limit > TimeSpan.Zero && limit.TotalMilliseconds <= int.MaxValue) || limit == System.Threading.Timeout.InfiniteTimeSpan
            ? limit
            : throw new HyprArgumentException("TimeoutSec", "The timeout must be positive and at most 24 days, or infinite.");
}
