using System;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Http;

/// <summary>
/// How often and how long to wait before trying again; shared by the token exchange and the API.
/// Which failures are retried is decided by each caller (see TokenClient and ApiClient).
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>The most retries any caller may ask for (the cmdlets' -MaximumRetryCount range too).</summary>
    public const int MaximumRetries = 10;

    public const int DefaultMaximumRetryCount = 3;

    /// <summary>The first backoff; each further retry doubles it.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff, before jitter.</summary>
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromSeconds(30);

    /// <summary>A server's Retry-After longer than this ends the operation at once, with the server's Retry-After on its error.</summary>
    public static readonly TimeSpan MaximumRetryAfter = TimeSpan.FromSeconds(60);

    public static readonly RetryPolicy Default = new();

    public static readonly RetryPolicy None = new(maximumRetryCount: 0);

    /// <param name="maximumRetryCount">Retries after the first attempt; 0 disables retrying.</param>
    public RetryPolicy(int maximumRetryCount = DefaultMaximumRetryCount)
    {
        MaximumRetryCount = maximumRetryCount is >= 0 and <= MaximumRetries
            ? maximumRetryCount
            : throw new HyprArgumentException("MaximumRetryCount", $"The retry count must be between 0 and {MaximumRetries}.");
    }

    public int MaximumRetryCount { get; }

    /// <summary>Exponential backoff with "equal jitter": half fixed, half random, so parallel callers spread out.</summary>
    /// <param name="retryNumber">1 for the first retry.</param>
    /// <param name="randomSample">A sample in [0, 1).</param>
    internal TimeSpan Backoff(int retryNumber, double randomSample)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryNumber - 1, 30));
        var capped = Math.Min(exponential, MaximumDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * randomSample));
    }
}
