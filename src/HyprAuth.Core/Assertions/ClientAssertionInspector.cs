using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Json;
using HyprAuth.Core.Keys;

namespace HyprAuth.Core.Assertions;

/// <summary>
/// Checks a compact JWT locally the way HYPR's token endpoint will, reporting every check instead of stopping at the first
/// failure: HYPR answers every assertion problem with the same error 1201047, this names the actual one.
/// </summary>
public static class ClientAssertionInspector
{
    private const int ShownLength = 80;

    public static AssertionInspection Inspect(string jwt, HyprVerificationKey? key, AssertionExpectations expectations, DateTimeOffset now)
    {
        (expectations ?? throw new ArgumentNullException(nameof(expectations))).Validate();
        var token = CompactJwt.Parse(jwt);
        var checks = new List<AssertionCheck> { token.Format };
        if (token.Header == null)
        {
            Skip(checks, "the header is not readable", AssertionCheckNames.Algorithm, AssertionCheckNames.Type, AssertionCheckNames.KeyId);
        }
        else
        {
            CheckHeader(checks, token.Header);
        }

        if (token.Claims == null)
        {
            Skip(checks, "the claims are not readable", AssertionCheckNames.Issuer, AssertionCheckNames.Audience, AssertionCheckNames.Subject,
                AssertionCheckNames.JwtId, AssertionCheckNames.Expiry, AssertionCheckNames.NotBefore, AssertionCheckNames.IssuedAt,
                AssertionCheckNames.Lifetime);
        }
        else
        {
            CheckClaims(checks, token.Claims, expectations, now);
        }

        CheckSignature(checks, token, key);
        return new AssertionInspection(checks.AsReadOnly(), token.Header, token.Claims);
    }

    private static void CheckHeader(List<AssertionCheck> checks, OrderedMap<object?> header)
    {
        checks.Add(HasText(header, "alg", "ES256")
            ? Pass(AssertionCheckNames.Algorithm, "alg ES256")
            : Fail(AssertionCheckNames.Algorithm, $"alg is {Show(header, "alg")}; HYPR expects ES256 (ECDSA P-256 with SHA-256)"));

        checks.Add(HasText(header, "typ", "JWT")
            ? Pass(AssertionCheckNames.Type, "typ JWT")
            : Fail(AssertionCheckNames.Type, $"typ is {Show(header, "typ")}; HYPR's JWTCreator writes JWT"));

        checks.Add(header.TryGetValue("kid", out var kid) && kid is string keyId && keyId.Length > 0
            ? Pass(AssertionCheckNames.KeyId, $"kid {Show(keyId)}")
            : Fail(AssertionCheckNames.KeyId,
                $"kid is {Show(header, "kid")}; HYPR refuses assertions without a key id (error {HyprErrorCodes.InvalidTokenExchange})"));
    }

    private static void CheckClaims(List<AssertionCheck> checks, OrderedMap<object?> claims, AssertionExpectations expectations,
        DateTimeOffset now)
    {
        checks.Add(HasText(claims, "iss", expectations.Issuer)
            ? Pass(AssertionCheckNames.Issuer, $"iss {Show(expectations.Issuer)}")
            : Fail(AssertionCheckNames.Issuer, $"iss is {Show(claims, "iss")}; expected {Show(expectations.Issuer)}"));

        var audienceIsArray = claims.TryGetValue("aud", out var aud) && aud is object?[];
        checks.Add(HasText(claims, "aud", expectations.Audience)
            ? Pass(AssertionCheckNames.Audience, $"aud {Show(expectations.Audience)}")
            : Fail(AssertionCheckNames.Audience, audienceIsArray
                ? $"aud is an array; HYPR expects the single string {Show(expectations.Audience)}"
                : $"aud is {Show(claims, "aud")}; expected {Show(expectations.Audience)}"));

        var hasSubject = claims.TryGetValue("sub", out var sub) && sub is string subject && subject.Length > 0;
        checks.Add(!hasSubject
            ? Fail(AssertionCheckNames.Subject, $"sub is {Show(claims, "sub")}; it must be the Client Id")
            : expectations.ClientId != null && !HasText(claims, "sub", expectations.ClientId)
                ? Fail(AssertionCheckNames.Subject, $"sub is {Show(claims, "sub")}; expected the client id {Show(expectations.ClientId)}")
                : Pass(AssertionCheckNames.Subject, $"sub {Show(claims, "sub")}"));

        checks.Add(claims.TryGetValue("jti", out var jti) && jti is string jwtId && IsUuid(jwtId)
            ? Pass(AssertionCheckNames.JwtId, $"jti {jwtId}")
            : Fail(AssertionCheckNames.JwtId, $"jti is {Show(claims, "jti")}; HYPR needs a new UUID in every assertion (replay protection)"));

        var nowSeconds = now.ToUnixTimeSeconds();
        var skew = (long)expectations.ClockSkew.TotalSeconds;
        var hasExpiry = TryDate(claims, "exp", out var exp);
        checks.Add(!hasExpiry
            ? Fail(AssertionCheckNames.Expiry, NotADate(claims, "exp"))
            : nowSeconds < exp + skew
                ? Pass(AssertionCheckNames.Expiry, $"expires {NumericDate.Show(exp)}, {exp - nowSeconds} s from now")
                : Fail(AssertionCheckNames.Expiry,
                    $"expired at {NumericDate.Show(exp)}; it is now {NumericDate.Show(nowSeconds)} (clock skew allowed: {skew} s)"));

        checks.Add(!claims.ContainsKey("nbf")
            ? Pass(AssertionCheckNames.NotBefore, "no nbf (optional)")
            : !TryDate(claims, "nbf", out var nbf)
                ? Fail(AssertionCheckNames.NotBefore, NotADate(claims, "nbf"))
                : nbf <= nowSeconds + skew
                    ? Pass(AssertionCheckNames.NotBefore, $"valid from {NumericDate.Show(nbf)}")
                    : Fail(AssertionCheckNames.NotBefore, $"not valid before {NumericDate.Show(nbf)}, {InTheFuture(nbf, nowSeconds)}"));

        var hasIssuedAt = TryDate(claims, "iat", out var iat);
        checks.Add(!hasIssuedAt
            ? Fail(AssertionCheckNames.IssuedAt, NotADate(claims, "iat"))
            : iat <= nowSeconds + skew
                ? Pass(AssertionCheckNames.IssuedAt, $"issued {NumericDate.Show(iat)}")
                : Fail(AssertionCheckNames.IssuedAt, $"issued in the future, {NumericDate.Show(iat)}, {InTheFuture(iat, nowSeconds)}"));

        var maximum = (long)expectations.MaximumLifetime.TotalSeconds;
        checks.Add(!hasExpiry || !hasIssuedAt
            ? new AssertionCheck(AssertionCheckNames.Lifetime, AssertionCheckOutcome.Skipped, "needs valid exp and iat")
            : exp <= iat
                ? Fail(AssertionCheckNames.Lifetime, $"exp {NumericDate.Show(exp)} is not after iat {NumericDate.Show(iat)}")
                : exp - iat > maximum
                    ? Fail(AssertionCheckNames.Lifetime, $"valid for {exp - iat} s, more than the {maximum} s allowed")
                    : Pass(AssertionCheckNames.Lifetime, $"valid for {exp - iat} s (at most {maximum} s)"));
    }

    private static void CheckSignature(List<AssertionCheck> checks, CompactJwt token, HyprVerificationKey? key)
    {
        if (key == null)
        {
            Skip(checks, "no key given", AssertionCheckNames.Signature, AssertionCheckNames.KeyIdMatchesKey);
            return;
        }

        checks.Add(token.Signature == null || token.SigningInput == null
            ? new AssertionCheck(AssertionCheckNames.Signature, AssertionCheckOutcome.Skipped, "the signature is not readable")
            : token.Signature.Length != 64
                ? Fail(AssertionCheckNames.Signature,
                    $"the signature is {token.Signature.Length} bytes; ES256 signatures are 64 bytes (R||S, RFC 7518 §3.4), not DER")
                : key.Verify(token.SigningInput, token.Signature)
                    ? Pass(AssertionCheckNames.Signature, $"valid for the key with thumbprint {key.Thumbprint}")
                    : Fail(AssertionCheckNames.Signature,
                        $"does not verify with the key with thumbprint {key.Thumbprint}: signed by another key, or altered"));

        checks.Add(token.Header == null || !token.Header.TryGetValue("kid", out var kid) || !(kid is string keyId)
            ? new AssertionCheck(AssertionCheckNames.KeyIdMatchesKey, AssertionCheckOutcome.Skipped, "no kid to compare")
            : new AssertionCheck(
                AssertionCheckNames.KeyIdMatchesKey,
                AssertionCheckOutcome.Note,
                keyId == key.Thumbprint
                    ? "kid is the key's RFC 7638 thumbprint"
                    : $"kid differs from the key's RFC 7638 thumbprint {key.Thumbprint}; fine when the server knows the key by this kid"));
    }

    private static bool HasText(OrderedMap<object?> members, string name, string expected) =>
        members.TryGetValue(name, out var value) && value is string text && string.Equals(text, expected, StringComparison.Ordinal);

    private static bool TryDate(OrderedMap<object?> claims, string name, out long seconds) =>
        NumericDate.TryRead(claims.TryGetValue(name, out var value) ? value : null, out seconds);

    /// <summary>8-4-4-4-12 hexadecimal digits.</summary>
    private static bool IsUuid(string text) =>
        text.Length == 36 && text.Select((ch, i) => i is 8 or 13 or 18 or 23 ? ch == '-' : Uri.IsHexDigit(ch)).All(valid => valid);

    private static string NotADate(OrderedMap<object?> claims, string name) =>
        $"{name} is {Show(claims, name)}; it must be a NumericDate (seconds since 1970)";

    private static string InTheFuture(long seconds, long nowSeconds) =>
        $"{seconds - nowSeconds} s from now; check the clock of the computer that signed it";

    /// <summary>A member's value for a detail line: absent, its type, or quoted text cut short and stripped of control characters.</summary>
    private static string Show(OrderedMap<object?> members, string name) =>
        !members.TryGetValue(name, out var value) ? "missing"
        : value is string text ? Show(text)
        : value is long || value is double ? Convert.ToString(value, CultureInfo.InvariantCulture)!
        : value == null ? "null"
        : value is bool flag ? (flag ? "true" : "false")
        : value is object?[] ? "an array"
        : "an object";

    private static string Show(string text)
    {
        var shown = text.Length > ShownLength ? text.Substring(0, ShownLength) + "…" : text;
        return "'" + new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray()) + "'";
    }

    private static void Skip(List<AssertionCheck> checks, string why, params string[] names) =>
        checks.AddRange(names.Select(name => new AssertionCheck(name, AssertionCheckOutcome.Skipped, why)));

    private static AssertionCheck Pass(string name, string detail) => new AssertionCheck(name, AssertionCheckOutcome.Passed, detail);

    private static AssertionCheck Fail(string name, string detail) => new AssertionCheck(name, AssertionCheckOutcome.Failed, detail);
}
