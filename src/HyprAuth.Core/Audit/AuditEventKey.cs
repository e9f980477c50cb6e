using System;
using System.Globalization;
using System.Text.Json;

namespace HyprAuth.Core.Audit;

/// <summary>What places an audit event in the export: its id and its eventTimeInUTC.</summary>
public static class AuditEventKey
{
    public const string IdProperty = "id";
    public const string EventTimeProperty = "eventTimeInUTC";

    /// <summary>
    /// The id as text: HYPR sends a numeric string, and ids exceed 2^53, so a number is kept as its digits, never a double.
    /// Null when the event has none.
    /// </summary>
    public static string? Id(JsonElement auditEvent) =>
        auditEvent.ValueKind == JsonValueKind.Object && auditEvent.TryGetProperty(IdProperty, out JsonElement id)
            ? id.ValueKind == JsonValueKind.String ? id.GetString() : id.ValueKind == JsonValueKind.Number ? id.GetRawText() : null
            : null;

    /// <summary>Epoch milliseconds from a number, a numeric string or an ISO 8601 text (tolerant); null when there is none.</summary>
    public static long? Milliseconds(JsonElement auditEvent, string property) =>
        auditEvent.ValueKind == JsonValueKind.Object && auditEvent.TryGetProperty(property, out JsonElement value) ? Milliseconds(value) : null;

    /// <summary>A time value itself: epoch milliseconds as a number or numeric string, or ISO 8601 text; null otherwise.</summary>
    public static long? Milliseconds(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt64(out long whole) ? whole : value.TryGetDouble(out double real) ? (long)Math.Floor(real) : (long?)null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        string text = value.GetString()!;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
        {
            return parsed;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time.ToUnixTimeMilliseconds()
            : (long?)null;
    }
}
