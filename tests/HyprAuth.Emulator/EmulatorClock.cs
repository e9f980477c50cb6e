using System;
using System.Globalization;
using System.Threading;

namespace HyprAuth.Emulator;

/// <summary>Real UTC time plus a test-controlled offset, so tests can expire tokens and assertions without waiting.</summary>
public sealed class EmulatorClock
{
    private long offsetTicks;
    private DateHeader cachedDate = new(long.MinValue, string.Empty);

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref offsetTicks));

    public long UnixSeconds => UtcNow.ToUnixTimeSeconds();

    public void Shift(TimeSpan delta) => Interlocked.Add(ref offsetTicks, delta.Ticks);

    public void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref offsetTicks, offset.Ticks);

    /// <summary>The RFC 1123 Date header value, formatted at most once per second because every response carries it.</summary>
    public string DateHeaderValue
    {
        get
        {
            DateTimeOffset now = UtcNow;
            long second = now.ToUnixTimeSeconds();
            DateHeader cached = Volatile.Read(ref cachedDate);
            if (cached.Second == second)
            {
                return cached.Value;
            }

            string value = now.ToString("r", CultureInfo.InvariantCulture);
            Volatile.Write(ref cachedDate, new DateHeader(second, value));
            return value;
        }
    }

    private sealed record DateHeader(long Second, string Value);
}
