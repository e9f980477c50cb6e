namespace HyprAuth;

/// <summary>
/// One event of HYPR's audit trail, typed. Members HYPR sends that are not typed here (version, eventLoggedBy,
/// deviceType and any new ones) are kept as properties under their own names; <see cref="ToJson"/> gives the event
/// exactly as HYPR sent it, for a SIEM.
/// </summary>
public sealed class HyprAuditEvent
{
    private readonly string json;

    internal HyprAuditEvent(string json, string id, DateTimeOffset eventTime)
    {
        this.json = json;
        Id = id;
        EventTime = eventTime;
    }

    /// <summary>HYPR's id: a number beyond 2^53, so kept as text, never a double.</summary>
    public string Id { get; }

    /// <summary>eventTimeInUTC, as UTC.</summary>
    public DateTimeOffset EventTime { get; }

    /// <summary>loggedTimeInUTC, as UTC (late-logged events have it after EventTime).</summary>
    public DateTimeOffset? LoggedTime { get; internal set; }

    public string? Type { get; internal set; }

    /// <summary>subName: what happened, e.g. AUTH_SUCCESS.</summary>
    public string? Name { get; internal set; }

    public string? Message { get; internal set; }

    public string? RpAppId { get; internal set; }

    public bool? IsSuccessful { get; internal set; }

    public string? ErrorCode { get; internal set; }

    public string? ErrorSeverity { get; internal set; }

    public string? DeviceId { get; internal set; }

    public string? MachineId { get; internal set; }

    public string? SessionId { get; internal set; }

    public string? TraceId { get; internal set; }

    public string? FidoUser { get; internal set; }

    public string? RemoteIP { get; internal set; }

    public string? UserAgent { get; internal set; }

    public string? TenantId { get; internal set; }

    /// <summary>additionalDetails: an object of (nullable) sections and extras, as PowerShell objects.</summary>
    public object? AdditionalDetails { get; internal set; }

    /// <summary>The event as HYPR sent it: one JSON object, e.g. a line of a JSON-lines file for a SIEM.</summary>
    public string ToJson() => this.json;

    public override string ToString() => $"{EventTime:yyyy-MM-ddTHH:mm:ss.fffZ} {RpAppId} {Name} {Id}";
}
