using System;
using System.Linq;
using System.Text.Json;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Json;

namespace HyprAuth.Core.Exchange;

/// <summary>
/// The few claims of a caller-supplied assertion the engine needs (whose token it is, for which audience).
/// Not a validation: the server checks the signature; the cache never trusts these claims alone.
/// </summary>
internal sealed class AssertionClaims(string subject, string? audience, string? keyId)
{
    private const string Parameter = "Assertion";

    public string Subject { get; } = subject;

    public string? Audience { get; } = audience;

    public string? KeyId { get; } = keyId;

    public static AssertionClaims Read(string? assertion)
    {
        var parts = assertion?.Trim().Split('.');
        if (parts == null || parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            throw new HyprArgumentException(Parameter, "The assertion is not a signed JWT (three base64url parts separated by dots).");
        }

        if (!Base64Url.TryDecode(parts[0], out var headerBytes) || !Base64Url.TryDecode(parts[1], out var payloadBytes))
        {
            throw NotJson();
        }

        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            using var payload = JsonDocument.Parse(payloadBytes);
            var subject = StringClaim(payload.RootElement, "sub");
            return string.IsNullOrWhiteSpace(subject)
                ? throw new HyprArgumentException(Parameter, "The assertion has no sub claim, so it names no client.")
                : new AssertionClaims(subject!, AudienceClaim(payload.RootElement), StringClaim(header.RootElement, "kid"));
        }
        catch (Exception exception) when (exception is JsonException || exception is InvalidOperationException)
        {
            throw NotJson();
        }
    }

    private static HyprArgumentException NotJson() =>
        new HyprArgumentException(Parameter, "The assertion's header or claims are not base64url-encoded JSON objects.");

    private static string? StringClaim(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // An array's first string; a single string as it is.
    private static string? AudienceClaim(JsonElement payload) =>
        payload.TryGetProperty("aud", out var audience) && audience.ValueKind == JsonValueKind.Array
            ? audience.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()).FirstOrDefault()
            : StringClaim(payload, "aud");
}
