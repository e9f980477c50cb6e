using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Core.Http;

/// <summary>Counts the retries of one operation and waits between them, saying so in verbose output and progress.</summary>
internal sealed class RetryWaiter
{
    private const string Activity = "HyprAuth";

    private static readonly object RandomGate = new object();
    private static readonly Random Random = new Random();

    private readonly RetryPolicy policy;
    private readonly TimeProvider clock;
    private readonly IHyprEvents events;

    public RetryWaiter(RetryPolicy policy, TimeProvider clock, IHyprEvents events)
    {
        this.policy = policy;
        this.clock = clock;
        this.events = events;
    }

    public int RetriesDone { get; private set; }

    public bool CanRetry => RetriesDone < policy.MaximumRetryCount;

    /// <summary>
    /// A retry is left and the server's Retry-After, if any, is within <see cref="RetryPolicy.MaximumRetryAfter"/>.
    /// A server that asks for longer is not waited out in capped slices (holding the caller, and perhaps the
    /// persistent cache's lock, for minutes to no purpose): the caller stops at once and says when to come back.
    /// </summary>
    public bool CanRetryAfter(RetryAfter retryAfter) => CanRetry && !(retryAfter.Delay > policy.MaximumRetryAfter);

    /// <param name="cause">What failed, e.g. "HTTP 429 from https://tenant/rp/token/...".</param>
    public async Task WaitAsync(string cause, RetryAfter retryAfter, CancellationToken cancellationToken)
    {
        RetriesDone++;
        var (delay, why) = ChooseDelay(retryAfter);
        events.Verbose(string.Format(
            CultureInfo.InvariantCulture,
            "{0}; retry {1} of {2} in {3:0.0} s ({4}).",
            cause,
            RetriesDone,
            policy.MaximumRetryCount,
            delay.TotalSeconds,
            why));

        await CountDownAsync(cause, delay, cancellationToken).ConfigureAwait(false);
    }

    private (TimeSpan Delay, string Why) ChooseDelay(RetryAfter retryAfter)
    {
        if (retryAfter.Delay is TimeSpan asked)
        {
            return (asked, "Retry-After");
        }

        double sample;
        lock (RandomGate)
        {
            sample = Random.NextDouble();
        }

        var backoff = policy.Backoff(RetriesDone, sample);
        return (backoff, retryAfter.Unparsable ? "unparsable Retry-After, backoff" : "backoff");
    }

    // Waits in steps of at most a second so the progress bar counts down; cancellation ends the wait at once.
    private async Task CountDownAsync(string cause, TimeSpan delay, CancellationToken cancellationToken)
    {
        var status = string.Format(CultureInfo.InvariantCulture, "Retry {0} of {1} after {2}", RetriesDone, policy.MaximumRetryCount, cause);
        var remaining = delay;
        try
        {
            while (remaining > TimeSpan.Zero)
            {
                cancellationToken.ThrowIfCancellationRequested();
                events.Progress(new HyprProgress(Activity, status, Percent(delay, remaining), (int)Math.Ceiling(remaining.TotalSeconds)));
                var step = remaining < TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1);
#if NET8_0_OR_GREATER
                await Task.Delay(step, clock, cancellationToken).ConfigureAwait(false);
#else
                await clock.Delay(step, cancellationToken).ConfigureAwait(false); // Microsoft.Bcl.TimeProvider's extension
#endif
                remaining -= step;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            events.Progress(new HyprProgress(Activity, status, 100, 0, completed: true));
        }
    }

    private static int Percent(TimeSpan total, TimeSpan remaining) =>
        total <= TimeSpan.Zero ? 100 : (int)(100 * (1 - (remaining.TotalMilliseconds / total.TotalMilliseconds)));
}
