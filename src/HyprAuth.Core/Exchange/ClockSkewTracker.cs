using System;
using System.Collections.Concurrent;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Exchange;

/// <summary>
/// How far each token endpoint's clock is from ours, learnt from its Date headers. HYPR rejects an assertion
/// dated by a skewed clock with an opaque 1201047; dating assertions by the server's clock avoids that.
/// </summary>
public sealed class ClockSkewTracker
{
    /// <summary>Offsets up to this are noise (the Date header has one-second resolution, plus latency).</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The largest correction: a real clock is rarely further off, and a server (or something posing as one) must
    /// not be able to date our assertions years ahead. Beyond it the correction stops here, with a warning.
    /// </summary>
    public static readonly TimeSpan MaximumCorrection = TimeSpan.FromMinutes(15);

    public static readonly ClockSkewTracker Shared = new ClockSkewTracker();

    private readonly ConcurrentDictionary<string, TimeSpan> offsets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The server's clock minus ours, for the endpoint; zero when in step.</summary>
    public TimeSpan OffsetFor(Uri endpoint) => offsets.TryGetValue(Key(endpoint), out var offset) ? offset : TimeSpan.Zero;

    /// <summary>Now by the endpoint's clock.</summary>
    public DateTimeOffset ServerNow(Uri endpoint, DateTimeOffset localNow) => localNow + OffsetFor(endpoint);

    /// <summary>
    /// Records a response's Date header; true when this changed how assertions are dated (a new skew, or a server
    /// back in step): an assertion dated the old way may be why the server refused it. The caller passes only the
    /// token endpoint's JSON answers: a proxy's or load balancer's HTML page says nothing of the tenant's clock.
    /// </summary>
    internal bool Observe(Uri endpoint, DateTimeOffset? serverDate, DateTimeOffset localNow, IHyprEvents events)
    {
        if (!serverDate.HasValue)
        {
            return false;
        }

        var key = Key(endpoint);
        var measured = serverDate.Value - localNow;
        var known = OffsetFor(endpoint);
        if (measured.Duration() <= Threshold)
        {
            if (known != TimeSpan.Zero && offsets.TryRemove(key, out _))
            {
                events.Verbose($"The clock of {endpoint.Authority} is now in step with " +
                    "this computer's; assertions are dated by the local clock again.");
                return true;
            }

            return false;
        }

        var ahead = measured > TimeSpan.Zero;
        if (measured.Duration() > MaximumCorrection)
        {
            events.Warning($"The clock of {endpoint.Authority} is {WholeSeconds.Of(measured.Duration())} s " +
                $"{(ahead ? "ahead of" : "behind")} this computer's, more than the 15 minutes HyprAuth corrects for; assertions for " +
                $"it are dated 15 minutes {(ahead ? "ahead" : "behind")}. Check this computer's clock (and the server's).");
            measured = ahead ? MaximumCorrection : MaximumCorrection.Negate();
        }

        if ((measured - known).Duration() <= Threshold)
        {
            return false;
        }

        offsets[key] = measured;
        events.Verbose($"The clock of {endpoint.Authority} is {WholeSeconds.Of(measured.Duration())} s " +
            $"{(ahead ? "ahead of" : "behind")} this computer's; assertions for it are dated by the server's clock.");
        return true;
    }

    private static string Key(Uri endpoint) => EndpointPolicy.WithoutQuery(endpoint).AbsoluteUri;
}
