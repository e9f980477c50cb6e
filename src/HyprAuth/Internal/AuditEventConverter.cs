using System.Text.Json;
using HyprAuth.Core.Audit;

namespace HyprAuth.Internal;

/// <summary>HYPR's audit events and applications as typed objects; members not typed are kept as note properties.</summary>
internal static class AuditEventConverter
{
    // The JSON member each typed property comes from; the id and the two times are read by the engine's rules.
    private static readonly Dictionary<string, Action<HyprAuditEvent, JsonElement>> Typed = new(StringComparer.Ordinal)
    {
        [AuditEventKey.IdProperty] = (_, _) => { },
        [AuditEventKey.EventTimeProperty] = (_, _) => { },
        ["loggedTimeInUTC"] = (e, v) => e.LoggedTime = Time(v),
        ["type"] = (e, v) => e.Type = Text(v),
        ["subName"] = (e, v) => e.Name = Text(v),
        ["message"] = (e, v) => e.Message = Text(v),
        ["rpAppId"] = (e, v) => e.RpAppId = Text(v),
        ["isSuccessful"] = (e, v) => e.IsSuccessful = Boolean(v),
        ["errorCode"] = (e, v) => e.ErrorCode = Text(v),
        ["errorSeverity"] = (e, v) => e.ErrorSeverity = Text(v),
        ["deviceId"] = (e, v) => e.DeviceId = Text(v),
        ["machineId"] = (e, v) => e.MachineId = Text(v),
        ["sessionId"] = (e, v) => e.SessionId = Text(v),
        ["traceId"] = (e, v) => e.TraceId = Text(v),
        ["fidoUser"] = (e, v) => e.FidoUser = Text(v),
        ["remoteIP"] = (e, v) => e.RemoteIP = Text(v),
        ["userAgent"] = (e, v) => e.UserAgent = Text(v),
        ["tenantId"] = (e, v) => e.TenantId = Text(v),
        ["additionalDetails"] = (e, v) => e.AdditionalDetails = JsonToPSObject.Convert(v, convertDates: false),
    };

    /// <summary>The engine has checked that the event has an id and an event time.</summary>
    internal static PSObject ToAuditEvent(JsonElement item)
    {
        var auditEvent = new HyprAuditEvent(
            item.GetRawText(),
            AuditEventKey.Id(item)!,
            DateTimeOffset.FromUnixTimeMilliseconds(AuditEventKey.Milliseconds(item, AuditEventKey.EventTimeProperty)!.Value));
        var result = new PSObject(auditEvent);
        foreach (JsonProperty member in item.EnumerateObject())
        {
            if (Typed.TryGetValue(member.Name, out Action<HyprAuditEvent, JsonElement>? set))
            {
                set(auditEvent, member.Value);
            }
            else
            {
                Keep(result, member);
            }
        }

        return result;
    }

    /// <summary>The engine has checked that the application has an appID.</summary>
    internal static PSObject ToApplication(JsonElement item)
    {
        var result = new PSObject(new HyprApplication(item.GetProperty(AuditApi.ApplicationIdProperty).GetString()!));
        foreach (JsonProperty member in item.EnumerateObject())
        {
            if (member.Name != AuditApi.ApplicationIdProperty)
            {
                Keep(result, member);
            }
        }

        return result;
    }

    private static void Keep(PSObject result, JsonProperty member)
    {
        // A member whose name a typed property already has (e.g. "Name" beside subName) keeps its value under a prefix.
        string name = result.Properties[member.Name] is null ? member.Name : "json_" + member.Name;
        result.Properties.Remove(name);
        result.Properties.Add(new PSNoteProperty(name, JsonToPSObject.Convert(member.Value, convertDates: false)));
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static bool? Boolean(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(value.GetString(), out bool parsed) => parsed,
        _ => null,
    };

    // The same tolerant reading as eventTimeInUTC: milliseconds as a number or text, or ISO 8601.
    private static DateTimeOffset? Time(JsonElement value) =>
        AuditEventKey.Milliseconds(value) is long milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
}
