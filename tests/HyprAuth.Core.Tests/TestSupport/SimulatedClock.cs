using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace HyprAuth.Core.Tests.TestSupport;

/// <summary>Real time plus an offset that waits advance at once, so retries and expiry cost no real time.</summary>
/// <remarks>
/// Not FakeTimeProvider: its time stands still and its timers wait for Advance, while the emulator's clock runs in
/// real time and the engine's waits must end at once and be recorded.
/// </remarks>
internal sealed class SimulatedClock : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> delays = new ConcurrentQueue<TimeSpan>();
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>Every single delay asked for (a countdown asks in steps of up to a second).</summary>
    public IReadOnlyList<TimeSpan> Delays => delays.ToList();

    public TimeSpan TotalDelay => TimeSpan.FromTicks(delays.Sum(delay => delay.Ticks));

    public void Advance(TimeSpan delta) => Interlocked.Add(ref offsetTicks, delta.Ticks);

    /// <summary>Called with each delay, e.g. to move the emulator's clock along so its throttle refills.</summary>
    public Action<TimeSpan>? OnDelay { get; set; }

    /// <summary>The engine's Task.Delay lands here: the simulated time passes at once, so the real timer fires at once.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        delays.Enqueue(dueTime);
        Advance(dueTime);
        OnDelay?.Invoke(dueTime);
        return base.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
