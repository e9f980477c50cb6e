using System;
using System.Globalization;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys;

namespace HyprAuth.Core.Assertions;

/// <summary>
/// Signs client assertions the way HYPR's JWTCreator.java does: header alg ES256, typ JWT, kid; claims iss, sub, aud,
/// jti, exp, iat, nbf in that order; aud a single string.
/// </summary>
public static class ClientAssertionFactory
{
    /// <summary>Latest Unix time a DateTimeOffset can hold (9999-12-31T23:59:59Z).</summary>
    private const long MaximumUnixSeconds = 253402300799;

    /// <summary>The last template this thread used: its values were checked when it was made.</summary>
    [ThreadStatic]
    private static AssertionTemplate? lastTemplate;

    public static ClientAssertion Create(HyprSigningKey key, ClientAssertionRequest request, DateTimeOffset now)
    {
        if (key == null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var keyId = request.KeyId ?? key.Thumbprint;
        var template = lastTemplate;
        if (template == null || !template.Matches(request.ClientId, keyId, request.Issuer, request.Audience))
        {
            template = lastTemplate = new AssertionTemplate(
                RequireText(request.ClientId, "ClientId", "client id", " (HYPR's 'Client Id', the sub claim)"),
                RequireText(keyId, "KeyId", "key id", string.Empty),
                RequireText(request.Issuer, "Issuer", "issuer", string.Empty),
                RequireText(request.Audience, "Audience", "audience", string.Empty));
        }

        var issuedAt = now.ToUnixTimeSeconds();
        var expiresAt = ExpirySeconds(request, now, issuedAt);
        var jwtId = JwtIdGenerator.NewId();
        var jwt = CompactJws.Sign(key, template, jwtId, expiresAt, issuedAt);
        return new ClientAssertion(jwt, template.ClientId, keyId, jwtId, template.Issuer, template.Audience, issuedAt, expiresAt);
    }

    private static long ExpirySeconds(ClientAssertionRequest request, DateTimeOffset now, long issuedAt)
    {
        if (request.Lifetime.HasValue && request.ExpiresAt.HasValue)
        {
            throw new HyprArgumentException("ExpiresAt", "Give either a lifetime or an expiry time for the assertion, not both.");
        }

        if (request.ExpiresAt is DateTimeOffset expiry)
        {
            var expiresAt = expiry.ToUnixTimeSeconds();
            if (expiresAt <= issuedAt)
            {
                throw new HyprArgumentException(
                    "ExpiresAt",
                    $"The expiry {Time(expiry)} is not after the current time {Time(now)}; an assertion must expire in the future.");
            }

            return expiresAt;
        }

        var lifetime = request.Lifetime ?? HyprDefaults.AssertionLifetime;
        if (lifetime < TimeSpan.FromSeconds(1))
        {
            throw new HyprArgumentException("Lifetime", lifetime <= TimeSpan.Zero
                ? $"The assertion lifetime must be positive; got {lifetime}."
                : $"The assertion lifetime must be at least one second (exp is in whole seconds); got {lifetime}.");
        }

        var seconds = (long)lifetime.TotalSeconds;
        if (seconds > MaximumUnixSeconds - issuedAt)
        {
            throw new HyprArgumentException("Lifetime", $"The assertion lifetime {lifetime} puts its expiry beyond the year 9999.");
        }

        return issuedAt + seconds;
    }

    /// <summary>Refuses empty text, control characters and broken UTF-16: they would be escaped or mangled on the wire.</summary>
    internal static string RequireText(string? value, string parameterName, string what, string hint)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new HyprArgumentException(parameterName, $"The {what}{hint} must not be empty.");
        }

        for (var i = 0; i < value!.Length; i++)
        {
            if (char.IsHighSurrogate(value, i) && i + 1 < value.Length && char.IsLowSurrogate(value, i + 1))
            {
                i++;
            }
            else if (char.IsControl(value, i) || char.IsSurrogate(value, i))
            {
                throw new HyprArgumentException(
                    parameterName,
                    $"The {what} has a control character or an unpaired surrogate at position {i + 1}; it must be plain text.");
            }
        }

        return value;
    }

    private static string Time(DateTimeOffset time) => time.ToString("u", CultureInfo.InvariantCulture);
}
