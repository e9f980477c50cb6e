using System;
using System.Threading;
using System.Threading.Tasks;

namespace HyprAuth.Core.Http;

/// <summary>The engine's notion of now and of waiting, replaceable so tests run retries and expiry in simulated time.</summary>
public class HyprClock
{
    public static readonly HyprClock System = new HyprClock();

    public virtual DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

    public virtual Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
}
