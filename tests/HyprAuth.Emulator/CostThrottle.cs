using System;
using System.Collections.Concurrent;

namespace HyprAuth.Emulator;

/// <summary>Per-client token bucket over API routes, in cost units, timed by the emulator clock so tests can refill it by shifting time.</summary>
internal sealed class CostThrottle
{
    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    /// <summary>Charges the cost; returns 0 when allowed, otherwise the whole seconds until it would be.</summary>
    public int TryCharge(string clientId, int cost, EmulatorSettings settings, DateTimeOffset now)
    {
        cost = Math.Min(cost, settings.ThrottleBudget); // a request dearer than the whole budget must still pass eventually
        Bucket bucket = buckets.GetOrAdd(clientId, static (_, args) => new Bucket(args.ThrottleBudget, args.now), (settings.ThrottleBudget, now));
        lock (bucket)
        {
            double elapsed = Math.Max(0, (now - bucket.RefilledAt).TotalSeconds);
            bucket.Units = Math.Min(settings.ThrottleBudget, bucket.Units + (elapsed * settings.ThrottleRefillPerSecond));
            bucket.RefilledAt = now;
            if (bucket.Units >= cost)
            {
                bucket.Units -= cost;
                return 0;
            }

            return Math.Max(1, (int)Math.Ceiling((cost - bucket.Units) / settings.ThrottleRefillPerSecond));
        }
    }

    public void Clear() => buckets.Clear();

    private sealed class Bucket(double units, DateTimeOffset refilledAt)
    {
        public double Units { get; set; } = units;
        public DateTimeOffset RefilledAt { get; set; } = refilledAt;
    }
}
