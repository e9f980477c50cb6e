using System;
using System.Text;
using System.Text.Json;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Exchange
{
    /// <summary>
    /// The few claims of a caller-supplied assertion the engine needs (whose token it is, for which audience).
    /// Not a validation: the server checks the signature; the cache never trusts these claims alone.
    /// </summary>
    internal sealed class AssertionClaims
    {
        private AssertionClaims(string subject, string? audience, string? keyId)
        {
            Subject = subject;
            Audience = audience;
            KeyId = keyId;
        }

        public string Subject { get; }

        public string? Audience { get; }

        public string? KeyId { get; }

        public static AssertionClaims Read(string? assertion)
        {
            const string parameter = "Assertion";
            var parts = assertion?.Trim().Split('.');
            if (parts == null || parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
            {
                throw new HyprArgumentException(parameter, "The assertion is not a signed JWT (three base64url parts separated by dots).");
            }

            try
            {
                using (var header = JsonDocument.Parse(Base64UrlDecode(parts[0])))
                using (var payload = JsonDocument.Parse(Base64UrlDecode(parts[1])))
                {
                    var subject = StringClaim(payload.RootElement, "sub");
                    if (string.IsNullOrWhiteSpace(subject))
                    {
                        throw new HyprArgumentException(parameter, "The assertion has no sub claim, so it names no client.");
                    }

                    return new AssertionClaims(subject!, AudienceClaim(payload.RootElement), StringClaim(header.RootElement, "kid"));
                }
            }
            catch (Exception exception) when (exception is FormatException || exception is JsonException || exception is InvalidOperationException)
            {
                throw new HyprArgumentException(parameter, "The assertion's header or claims are not base64url-encoded JSON objects.");
            }
        }

        private static string? StringClaim(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        private static string? AudienceClaim(JsonElement payload)
        {
            if (payload.TryGetProperty("aud", out var audience) && audience.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in audience.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        return item.GetString();
                    }
                }
            }

            return StringClaim(payload, "aud");
        }

        private static string Base64UrlDecode(string text)
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
    }
}
