using System;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Core.Http;

/// <summary>Counts the retries of one operation and waits between them, saying so in verbose output and progress.</summary>
internal sealed class RetryWaiter(RetryPolicy policy, TimeProvider clock, IHyprEvents events)
{
    private const string Activity = "HyprAuth";

    private static readonly object RandomGate = new();
    private static readonly Random Random = new();

    public int RetriesDone { get; private set; }

    public bool CanRetry => RetriesDone < policy.MaximumRetryCount;

    /// <summary>
    /// A retry is left and the server's Retry-After, if any, is within <see cref="RetryPolicy.MaximumRetryAfter"/>.
    /// A server that asks for longer is not waited out in capped slices (holding the caller, and perhaps the
    /// persistent cache's lock, for minutes to no purpose): the caller stops at once and says when to come back.
    /// </summary>
    public bool CanRetryAfter(RetryAfter retryAfter) => CanRetry && !(retryAfter.Delay > RetryPolicy.MaximumRetryAfter);

    /// <param name="cause">What failed, e.g. "HTTP 429 from https://tenant/rp/token/...".</param>
    public async Task WaitAsync(string cause, RetryAfter retryAfter, CancellationToken cancellationToken)
    {
        RetriesDone++;
        var (delay, why) = ChooseDelay(retryAfter);
        events.Verbose(FormattableString.Invariant(
            $"{cause}; retry {RetriesDone} of {policy.MaximumRetryCount} in {delay.TotalSeconds:0.0} s ({why})."));

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
        var status = $"Retry {RetriesDone} of {policy.MaximumRetryCount} after {cause}";
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
