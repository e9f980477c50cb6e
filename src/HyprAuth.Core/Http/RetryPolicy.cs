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

    public static readonly RetryPolicy Default = new RetryPolicy();

    public static readonly RetryPolicy None = new RetryPolicy(maximumRetryCount: 0);

    public RetryPolicy(
        int maximumRetryCount = DefaultMaximumRetryCount,
        TimeSpan? baseDelay = null,
        TimeSpan? maximumDelay = null,
        TimeSpan? maximumRetryAfter = null)
    {
        if (maximumRetryCount < 0 || maximumRetryCount > MaximumRetries)
        {
            throw new HyprArgumentException("MaximumRetryCount", $"The retry count must be between 0 and {MaximumRetries}.");
        }

        MaximumRetryCount = maximumRetryCount;
        BaseDelay = NonNegative(baseDelay ?? TimeSpan.FromSeconds(1), "RetryDelay");
        MaximumDelay = NonNegative(maximumDelay ?? TimeSpan.FromSeconds(30), "MaximumRetryDelay");
        MaximumRetryAfter = NonNegative(maximumRetryAfter ?? TimeSpan.FromSeconds(60), "MaximumRetryAfter");
    }

    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaximumRetryCount { get; }

    /// <summary>The first backoff; each further retry doubles it.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>The longest backoff, before jitter.</summary>
    public TimeSpan MaximumDelay { get; }

    /// <summary>A server's Retry-After longer than this ends the operation at once, with the server's Retry-After on its error.</summary>
    public TimeSpan MaximumRetryAfter { get; }

    /// <summary>Exponential backoff with "equal jitter": half fixed, half random, so parallel callers spread out.</summary>
    /// <param name="retryNumber">1 for the first retry.</param>
    /// <param name="randomSample">A sample in [0, 1).</param>
    internal TimeSpan Backoff(int retryNumber, double randomSample)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryNumber - 1, 30));
        var capped = Math.Min(exponential, MaximumDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * randomSample));
    }

    private static TimeSpan NonNegative(TimeSpan value, string parameterName) =>
        value >= TimeSpan.Zero ? value : throw new HyprArgumentException(parameterName, "A retry delay cannot be negative.");
}
