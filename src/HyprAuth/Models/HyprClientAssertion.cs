using System;
using System.Collections.Generic;

namespace HyprAuth;

/// <summary>
/// A signed client assertion (RFC 7523 private_key_jwt), as New-HyprClientAssertion returns it.
/// It is the one object that carries an assertion in the open, because the user asked for it.
/// </summary>
public sealed class HyprClientAssertion
{
    internal HyprClientAssertion(
        string jwt,
        string clientId,
        string keyId,
        string jwtId,
        string issuer,
        string audience,
        DateTimeOffset issuedAt,
        DateTimeOffset notBefore,
        DateTimeOffset expiresAt,
        IReadOnlyDictionary<string, object> header,
        IReadOnlyDictionary<string, object> claims)
    {
        Jwt = jwt;
        ClientId = clientId;
        KeyId = keyId;
        JwtId = jwtId;
        Issuer = issuer;
        Audience = audience;
        IssuedAt = issuedAt.UtcDateTime;
        NotBefore = notBefore.UtcDateTime;
        ExpiresAt = expiresAt.UtcDateTime;
        Header = header;
        Claims = claims;
    }

    /// <summary>The compact serialization, to post as client_assertion.</summary>
    public string Jwt { get; }

    public string ClientId { get; }

    public string KeyId { get; }

    public string JwtId { get; }

    public string Issuer { get; }

    public string Audience { get; }

    public DateTime IssuedAt { get; }

    public DateTime NotBefore { get; }

    public DateTime ExpiresAt { get; }

    public IReadOnlyDictionary<string, object> Header { get; }

    public IReadOnlyDictionary<string, object> Claims { get; }

    /// <summary>The compact JWT, so the object can be handed to curl or any other tool as it is.</summary>
    public override string ToString() => Jwt;
}
