using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HyprAuth.Emulator;

/// <summary>The result of checking a client assertion: the registered client once known, and the failure cause if any.</summary>
internal readonly record struct AssertionOutcome(EmulatorClient? Client, string? Failure);

/// <summary>
/// Checks a client assertion JWT the way HYPR documents it (ES256 over a registered JWK, iss/aud/sub/exp/nbf/iat, one-time jti),
/// written independently of Microsoft.IdentityModel so the client library is not tested against itself.
/// </summary>
internal sealed class AssertionValidator(EmulatorState state)
{
    private readonly ConcurrentDictionary<EcPublicJwk, ECDsa> verifiers = new();

    public AssertionOutcome Validate(string assertion)
    {
        string[] parts = assertion.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return new(null, "malformed JWT: expected 3 base64url parts");
        }

        using JsonDocument? headerDocument = ParseJsonObject(parts[0]);
        if (headerDocument is null)
        {
            return new(null, "malformed JWT header: not base64url-encoded JSON object");
        }

        using JsonDocument? payloadDocument = ParseJsonObject(parts[1]);
        if (payloadDocument is null)
        {
            return new(null, "malformed JWT payload: not base64url-encoded JSON object");
        }

        JsonElement header = headerDocument.RootElement;
        JsonElement payload = payloadDocument.RootElement;
        string? alg = GetString(header, "alg");
        if (alg != "ES256")
        {
            return new(null, alg is { Length: <= 16 } ? $"alg must be ES256, not {alg}" : "alg must be ES256");
        }

        string? kid = GetString(header, "kid");
        if (string.IsNullOrEmpty(kid))
        {
            return new(null, "missing keyID header (kid)");
        }

        string? sub = GetString(payload, "sub");
        if (string.IsNullOrEmpty(sub))
        {
            return new(null, "missing sub");
        }

        if (!state.Registry.TryFind(sub, out EmulatorClient client))
        {
            return new(null, "client not registered (sub): no client with this id is registered on this tenant");
        }

        EcPublicJwk? jwk = FindKey(client, kid);
        if (jwk is null && state.Settings.RequireKnownKid)
        {
            return new(client, "unknown kid for this client");
        }

        string? signatureFailure = CheckSignature(assertion, parts, jwk is null ? client.Keys : [jwk]);
        if (signatureFailure is not null)
        {
            return new(client, signatureFailure);
        }

        return new(client, CheckClaims(payload, client.ClientId));
    }

    private string? CheckClaims(JsonElement payload, string clientId)
    {
        EmulatorSettings settings = state.Settings;
        if (GetString(payload, "iss") != settings.Issuer)
        {
            return $"iss must be {settings.Issuer}";
        }

        if (!payload.TryGetProperty("aud", out JsonElement aud) || aud.ValueKind != JsonValueKind.String || aud.GetString() != settings.Audience)
        {
            // An array containing the audience is valid RFC 7519 but refused here: HYPR documents a single string.
            return $"aud must be the string {settings.Audience}";
        }

        long now = state.Clock.UnixSeconds;
        long skew = settings.ClockSkewSeconds;
        if (!TryGetTime(payload, "exp", out long? exp) || exp is null)
        {
            return "missing or non-numeric exp";
        }

        if (now - skew >= exp)
        {
            return "JWT expired";
        }

        if (!TryGetTime(payload, "nbf", out long? nbf))
        {
            return "nbf must be a number";
        }

        if (nbf > now + skew)
        {
            return "nbf in the future";
        }

        if (!TryGetTime(payload, "iat", out long? iat))
        {
            return "iat must be a number";
        }

        if (iat > now + skew)
        {
            return "iat in the future";
        }

        if (exp.Value - (iat ?? now) > settings.MaxAssertionLifetimeSeconds)
        {
            return $"assertion lifetime exceeds {settings.MaxAssertionLifetimeSeconds} seconds";
        }

        string? jti = GetString(payload, "jti");
        if (string.IsNullOrEmpty(jti))
        {
            return "missing jti";
        }

        // Recorded last, so an assertion refused for another reason does not burn its jti.
        return state.Replays.TryRecord(clientId, jti, exp.Value, now - skew) ? null : "jti already used (replay)";
    }

    private string? CheckSignature(string assertion, string[] parts, IReadOnlyList<EcPublicJwk> candidates)
    {
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return "JWT signature verification failed: signature is not base64url";
        }

        if (signature.Length != 64)
        {
            return "JWT signature verification failed: ES256 signature must be 64 bytes R||S";
        }

        byte[] signingInput = Encoding.ASCII.GetBytes(assertion, 0, parts[0].Length + 1 + parts[1].Length);
        foreach (EcPublicJwk jwk in candidates)
        {
            ECDsa verifier;
            try
            {
                verifier = verifiers.GetOrAdd(jwk, static key => key.CreateVerifier());
            }
            catch (Exception exception) when (exception is CryptographicException or InvalidOperationException or FormatException)
            {
                continue; // a broken registry entry verifies nothing
            }

            // ECDsa instances are not documented as thread-safe.
            lock (verifier)
            {
                if (verifier.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                {
                    return null;
                }
            }
        }

        return "JWT signature verification failed";
    }

    private static EcPublicJwk? FindKey(EmulatorClient client, string kid)
    {
        foreach (EcPublicJwk key in client.Keys)
        {
            if (key.Kid == kid)
            {
                return key;
            }
        }

        return null;
    }

    private static JsonDocument? ParseJsonObject(string base64Url)
    {
        try
        {
            JsonDocument document = JsonDocument.Parse(Base64Url.DecodeFromChars(base64Url));
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>False when present but not a number; a missing claim is a success with null.</summary>
    private static bool TryGetTime(JsonElement payload, string name, out long? seconds)
    {
        seconds = null;
        if (!payload.TryGetProperty(name, out JsonElement value))
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        seconds = value.TryGetInt64(out long whole) ? whole : (long)Math.Floor(value.GetDouble());
        return true;
    }
}
