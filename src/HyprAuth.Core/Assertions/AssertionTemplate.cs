using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace HyprAuth.Core.Assertions;

/// <summary>
/// What a client's assertions share, checked and encoded once: the header segment (it depends on the kid alone) and
/// the claims up to the jti value as UTF-8. <see cref="ClientAssertionFactory"/> keeps the last one per thread, so a
/// process that signs for one client pays for this once, and one that alternates between clients only re-encodes.
/// </summary>
internal sealed class AssertionTemplate(string clientId, string keyId, string issuer, string audience)
{
    public string ClientId { get; } = clientId;

    public string KeyId { get; } = keyId;

    public string Issuer { get; } = issuer;

    public string Audience { get; } = audience;

    /// <summary>base64url of <c>{"alg":"ES256","typ":"JWT","kid":…}</c>.</summary>
    public string EncodedHeader { get; } =
        Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes($"{{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":{Quoted(keyId)}}}"));

    /// <summary><c>{"iss":…,"sub":…,"aud":…,"jti":"</c> as UTF-8.</summary>
    public byte[] ClaimsPrefix { get; } =
        Encoding.UTF8.GetBytes($"{{\"iss\":{Quoted(issuer)},\"sub\":{Quoted(clientId)},\"aud\":{Quoted(audience)},\"jti\":\"");

    /// <summary>Ordinal, as string equality is.</summary>
    public bool Matches(string? clientId, string keyId, string? issuer, string? audience) =>
        (ClientId, KeyId, Issuer, Audience) == (clientId, keyId, issuer, audience);

    /// <summary>A JSON string literal. Relaxed escaping keeps non-ASCII text readable; the JSON string is the same either way.</summary>
    private static string Quoted(string value) => $"\"{JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"";
}
