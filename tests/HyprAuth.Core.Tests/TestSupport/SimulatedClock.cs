using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Tests.TestSupport;

/// <summary>Real time plus an offset that waits advance at once, so retries and expiry cost no real time.</summary>
internal sealed class SimulatedClock : HyprClock
{
    private readonly ConcurrentQueue<TimeSpan> delays = new ConcurrentQueue<TimeSpan>();
    private long offsetTicks;

    public override DateTimeOffset UtcNow => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>Every single delay asked for (a countdown asks in steps of up to a second).</summary>
    public IReadOnlyList<TimeSpan> Delays => delays.ToList();

    public TimeSpan TotalDelay => TimeSpan.FromTicks(delays.Sum(delay => delay.Ticks));

    public void Advance(TimeSpan delta) => Interlocked.Add(ref offsetTicks, delta.Ticks);

    /// <summary>Called with each delay, e.g. to move the emulator's clock along so its throttle refills.</summary>
    public Action<TimeSpan>? OnDelay { get; set; }

    public override Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        delays.Enqueue(delay);
        Advance(delay);
        OnDelay?.Invoke(delay);
        return Task.CompletedTask;
    }
}
