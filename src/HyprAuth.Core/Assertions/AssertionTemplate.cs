using System;
using System.Text;
using HyprAuth.Core.Json;
using Microsoft.IdentityModel.Tokens;

namespace HyprAuth.Core.Assertions;

/// <summary>
/// What a client's assertions share, checked and encoded once: the header segment (it depends on the kid alone) and
/// the claims up to the jti value as UTF-8. <see cref="ClientAssertionFactory"/> keeps the last one per thread, so a
/// process that signs for one client pays for this once, and one that alternates between clients only re-encodes.
/// </summary>
internal sealed class AssertionTemplate
{
    public AssertionTemplate(string clientId, string keyId, string issuer, string audience)
    {
        ClientId = clientId;
        KeyId = keyId;
        Issuer = issuer;
        Audience = audience;
        var header = new StringBuilder(128).Append('{')
            .AppendMember("alg", "ES256").Append(',')
            .AppendMember("typ", "JWT").Append(',')
            .AppendMember("kid", keyId).Append('}');
        EncodedHeader = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToString()));
        var claims = new StringBuilder(256).Append('{')
            .AppendMember("iss", issuer).Append(',')
            .AppendMember("sub", clientId).Append(',')
            .AppendMember("aud", audience).Append(",\"jti\":\"");
        ClaimsPrefix = Encoding.UTF8.GetBytes(claims.ToString());
    }

    public string ClientId { get; }

    public string KeyId { get; }

    public string Issuer { get; }

    public string Audience { get; }

    /// <summary>base64url of <c>{"alg":"ES256","typ":"JWT","kid":…}</c>.</summary>
    public string EncodedHeader { get; }

    /// <summary><c>{"iss":…,"sub":…,"aud":…,"jti":"</c> as UTF-8.</summary>
    public byte[] ClaimsPrefix { get; }

    public bool Matches(string? clientId, string keyId, string? issuer, string? audience) =>
        string.Equals(ClientId, clientId, StringComparison.Ordinal)
        && string.Equals(KeyId, keyId, StringComparison.Ordinal)
        && string.Equals(Issuer, issuer, StringComparison.Ordinal)
        && string.Equals(Audience, audience, StringComparison.Ordinal);
}
