using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HyprAuth.Emulator;

/// <summary>One stored audit event: what the search sorts and filters on, and its JSON, serialised once.</summary>
internal sealed record AuditEventRecord(long EventTime, ulong Id, byte[] Json);

/// <summary>What POST /_emulator/audit/events appends: <see cref="Count"/> events spread over the applications and the window.</summary>
public sealed record AuditAppendRequest
{
    /// <summary>Applications that get the events, in turn; they are added to the application list.</summary>
    public IReadOnlyList<string>? RpAppIds { get; init; }

    /// <summary>Default 100. (Nullable, as every member here: an absent member must take its default, not 0.)</summary>
    public int? Count { get; init; }

    /// <summary>Epoch milliseconds of the first event; default: the emulator's now minus 30 minutes.</summary>
    public long? FromMs { get; init; }

    /// <summary>Epoch milliseconds of the last event; default: now minus 2 minutes. Equal to FromMs puts every event in one millisecond.</summary>
    public long? ToMs { get; init; }

    /// <summary>How many consecutive events of an application share one millisecond (default 3).</summary>
    public int? PerMillisecond { get; init; }
}

/// <summary>The answer of the append control: how many events were added, the trail's size, and the last event time added.</summary>
public sealed record AuditAppendReply(int Appended, int Total, long FirstEventTime, long LastEventTime, IReadOnlyList<string> Applications);

/// <summary>
/// The tenant's audit trail: applications and their events, kept sorted by (eventTimeInUTC, id) per application, so
/// the search answers page by page from a stable order even while events are appended (also into the past).
/// </summary>
internal sealed class AuditTrail
{
    /// <summary>Above 2^53, so a client that parses ids as doubles loses digits (and the tests notice).</summary>
    private const ulong FirstId = 1UL << 60;

    private static readonly string[] DefaultApplications = ["HYPRDefaultApplication", "HYPRDefaultWorkstationApplication"];
    private static readonly string[] Messages =
        ["User authenticated", "Device registered", "Authentication failed", "Device removed", "Policy evaluated"];
    private static readonly string[] Names = ["AUTH_SUCCESS", "DEVICE_REGISTERED", "AUTH_FAILURE", "DEVICE_REMOVED", "POLICY_EVALUATED"];
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly object gate = new();
    private readonly List<string> applications = [.. DefaultApplications];
    private readonly Dictionary<string, List<AuditEventRecord>> events = new(StringComparer.Ordinal);
    private ulong nextId = FirstId;

    public IReadOnlyList<string> Applications
    {
        get
        {
            lock (gate)
            {
                return applications.ToArray();
            }
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            applications.Clear();
            applications.AddRange(DefaultApplications);
            events.Clear();
            nextId = FirstId;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> for a request that makes no sense (the control route's 400).</summary>
    public AuditAppendReply Append(AuditAppendRequest request, DateTimeOffset now)
    {
        IReadOnlyList<string> apps = request.RpAppIds is { Count: > 0 } given ? given : ["HYPRDefaultApplication"];
        long from = request.FromMs ?? now.AddMinutes(-30).ToUnixTimeMilliseconds();
        long to = request.ToMs ?? now.AddMinutes(-2).ToUnixTimeMilliseconds();
        int count = request.Count ?? 100;
        int perMillisecond = request.PerMillisecond ?? 3;
        if (count is < 1 or > 1_000_000 || perMillisecond < 1 || to < from || apps.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("need count 1-1000000, perMillisecond >= 1, toMs >= fromMs and non-empty rpAppIds");
        }

        lock (gate)
        {
            foreach (string app in apps.Where(app => !applications.Contains(app, StringComparer.Ordinal)))
            {
                applications.Add(app);
            }

            // Events are spread evenly over the window, in groups of PerMillisecond sharing one millisecond per application.
            int perApp = (count + apps.Count - 1) / apps.Count;
            int groups = Math.Max(1, (perApp + perMillisecond - 1) / perMillisecond);
            long first = long.MaxValue, last = long.MinValue;
            for (int i = 0; i < count; i++)
            {
                string app = apps[i % apps.Count];
                int group = (i / apps.Count) / perMillisecond;
                long time = groups == 1 ? from : from + (long)((double)(to - from) * group / (groups - 1));
                ulong id = nextId++;
                Insert(app, new AuditEventRecord(time, id, Serialize(app, time, id)));
                first = Math.Min(first, time);
                last = Math.Max(last, time);
            }

            return new AuditAppendReply(count, events.Values.Sum(list => list.Count), first, last, applications.ToArray());
        }
    }

    public IReadOnlyList<(string Id, long EventTime)> Events(string rpAppId)
    {
        lock (gate)
        {
            return events.TryGetValue(rpAppId, out List<AuditEventRecord>? list)
                ? list.Select(record => (record.Id.ToString(CultureInfo.InvariantCulture), record.EventTime)).ToArray()
                : [];
        }
    }

    /// <summary>The application's events in [start, end] (each end inclusive or not), in (time, id) order: the page and the total.</summary>
    public (List<AuditEventRecord> Page, int Total) Search(string rpAppId, long start, long end, EmulatorSettings settings, int skip, int take,
        bool descending)
    {
        lock (gate)
        {
            if (!events.TryGetValue(rpAppId, out List<AuditEventRecord>? list))
            {
                return ([], 0);
            }

            int low = LowerBound(list, settings.AuditStartInclusive ? start : start + 1);
            int high = LowerBound(list, settings.AuditEndInclusive ? end + 1 : end);
            int total = Math.Max(0, high - low);
            List<AuditEventRecord> page = [];
            for (int i = skip; i < Math.Min(total, skip + take); i++)
            {
                page.Add(list[descending ? high - 1 - i : low + i]);
            }

            return (page, total);
        }
    }

    private void Insert(string app, AuditEventRecord record)
    {
        if (!events.TryGetValue(app, out List<AuditEventRecord>? list))
        {
            events[app] = list = [];
        }

        // Ids only grow, so an event goes after every event of its millisecond.
        int index = LowerBound(list, record.EventTime + 1);
        list.Insert(index, record);
    }

    private static int LowerBound(List<AuditEventRecord> list, long time)
    {
        int low = 0, high = list.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (list[middle].EventTime < time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>
    /// The members HYPR's public clients read (syslog-ng's hypr-audit-trail driver, HYPR's Log Aggregation page). The values,
    /// and the sections of additionalDetails, are the emulator's invention: HYPR documents the names, not the content.
    /// </summary>
    private static byte[] Serialize(string app, long time, ulong id)
    {
        int n = (int)(id % 1000);
        using MemoryStream buffer = new();
        using (Utf8JsonWriter writer = new(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("version", "1.0");
            writer.WriteString("type", "AUDIT");
            writer.WriteString("message", Messages[n % Messages.Length]);
            writer.WriteString("subName", Names[n % Names.Length]);
            writer.WriteString("eventLoggedBy", "HYPR Server");
            writer.WriteNumber("eventTimeInUTC", time);
            writer.WriteNumber("loggedTimeInUTC", time + (n % 7));
            writer.WriteString("tenantId", "emulator");
            writer.WriteString("remoteIP", $"10.1.{n / 250}.{(n % 250) + 1}");
            writer.WriteString("userAgent", "HYPR/8.0 (Zoë's iPhone)");
            writer.WriteString("traceId", $"trace-{id:x}");
            writer.WriteStartObject("additionalDetails");
            writer.WriteNull("deviceDetails");
            writer.WriteStartObject("userDetails");
            writer.WriteString("userName", $"user{n % 50}@example.com");
            writer.WriteEndObject();
            writer.WriteStartObject("extras");
            writer.WriteString("policy", "default");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteBoolean("isSuccessful", n % 5 != 2);
            if (n % 5 == 2)
            {
                writer.WriteString("errorCode", "1200100");
                writer.WriteString("errorSeverity", "WARN");
            }
            else
            {
                writer.WriteNull("errorCode");
                writer.WriteNull("errorSeverity");
            }

            writer.WriteString("deviceType", n % 2 == 0 ? "MOBILE" : "WORKSTATION");
            writer.WriteString("rpAppId", app);
            writer.WriteString("deviceId", $"dev-{n:D4}");
            writer.WriteString("machineId", $"machine-{n % 40:D3}");
            writer.WriteString("sessionId", $"session-{id % 100000}");
            writer.WriteString("fidoUser", $"user{n % 50}@example.com");
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
