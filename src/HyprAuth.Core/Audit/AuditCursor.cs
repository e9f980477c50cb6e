using System;
using System.Collections.Generic;

namespace HyprAuth.Core.Audit;

/// <summary>
/// Where one application's export stands: every event before <see cref="LastEventTime"/> went out, and at that
/// millisecond the events in <see cref="LastEventIds"/> did (many events share a millisecond, so the time alone
/// would lose or repeat some). <see cref="ScannedTo"/> is how far the window was searched, so an application
/// without events still moves on.
/// </summary>
public sealed class AuditCursor(long? lastEventTime, IEnumerable<string> lastEventIds, long scannedTo)
{
    /// <summary>eventTimeInUTC (epoch milliseconds) of the last event exported; null when none ever was.</summary>
    public long? LastEventTime { get; private set; } = lastEventTime;

    public HashSet<string> LastEventIds { get; } = new HashSet<string>(lastEventIds, StringComparer.Ordinal);

    /// <summary>The end (epoch milliseconds) of the last window searched to its end.</summary>
    public long ScannedTo { get; private set; } = scannedTo;

    /// <summary>Where the next search starts: the last event's millisecond (to find more events in it), else the scanned end.</summary>
    public long ResumeAt => LastEventTime ?? ScannedTo;

    /// <summary>True when the event has not gone out yet.</summary>
    public bool IsNew(long eventTime, string id) =>
        eventTime > ResumeAt || (eventTime == ResumeAt && !LastEventIds.Contains(id));

    internal void Exported(long eventTime, string id)
    {
        if (LastEventTime is null || eventTime > LastEventTime)
        {
            LastEventTime = eventTime;
            LastEventIds.Clear();
        }

        if (eventTime == LastEventTime)
        {
            LastEventIds.Add(id);
        }
    }

    internal void Scanned(long until) => ScannedTo = Math.Max(ScannedTo, until);
}
