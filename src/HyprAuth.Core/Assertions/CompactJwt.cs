using System;
using System.Text;
using System.Text.Json;
using HyprAuth.Core.Json;

namespace HyprAuth.Core.Assertions;

/// <summary>A compact JWS taken apart for inspection; each part is kept only when it decodes.</summary>
internal sealed class CompactJwt(
    AssertionCheck format, OrderedMap<object?>? header, OrderedMap<object?>? claims, byte[]? signingInput, byte[]? signature)
{
    public AssertionCheck Format { get; } = format;

    public OrderedMap<object?>? Header { get; } = header;

    public OrderedMap<object?>? Claims { get; } = claims;

    public byte[]? SigningInput { get; } = signingInput;

    public byte[]? Signature { get; } = signature;

    public static CompactJwt Parse(string? jwt)
    {
        var parts = (jwt ?? string.Empty).Trim().Split('.');
        if (parts.Length != 3)
        {
            var problem = parts.Length == 1 && parts[0].Length == 0 ? "no JWT given"
                : $"expected 3 parts separated by dots, found {parts.Length}";
            return new CompactJwt(Failed(problem), null, null, null, null);
        }

        var header = ReadObject(parts[0]);
        var claims = ReadObject(parts[1]);
        var signature = Base64Url.TryDecode(parts[2], out var bytes) ? bytes : null;
        var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var format = header == null ? Failed("the header is not a base64url JSON object (or repeats a member)")
            : claims == null ? Failed("the claims are not a base64url JSON object (or repeat a member)")
            : signature == null ? Failed("the signature is not base64url")
            : new AssertionCheck(AssertionCheckNames.Format, AssertionCheckOutcome.Passed,
                "three base64url parts; header and claims are JSON objects");
        return new CompactJwt(format, header, claims, signingInput, signature);
    }

    private static OrderedMap<object?>? ReadObject(string part)
    {
        if (!Base64Url.TryDecode(part, out var utf8))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8);
            return JsonValues.ReadObject(document.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static AssertionCheck Failed(string detail) => new AssertionCheck(AssertionCheckNames.Format, AssertionCheckOutcome.Failed, detail);
}
