using System;
using System.Collections.Generic;
using HyprAuth.Core.Json;

namespace HyprAuth.Core.Assertions;

/// <summary>A signed client assertion (RFC 7523 private_key_jwt). <see cref="ToString"/> describes it without the JWT.</summary>
public sealed class ClientAssertion
{
    private IReadOnlyDictionary<string, object>? header;
    private IReadOnlyDictionary<string, object>? claims;

    internal ClientAssertion(
        string jwt,
        string clientId,
        string keyId,
        string jwtId,
        string issuer,
        string audience,
        long issuedAt,
        long expiresAt)
    {
        Jwt = jwt;
        ClientId = clientId;
        KeyId = keyId;
        JwtId = jwtId;
        Issuer = issuer;
        Audience = audience;
        IssuedAt = DateTimeOffset.FromUnixTimeSeconds(issuedAt);
        NotBefore = IssuedAt;
        ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt);
    }

    /// <summary>The compact serialization, to post as <c>client_assertion</c>. A credential until it expires.</summary>
    public string Jwt { get; }

    public string ClientId { get; }

    public string KeyId { get; }

    public string JwtId { get; }

    public string Issuer { get; }

    public string Audience { get; }

    public DateTimeOffset IssuedAt { get; }

    public DateTimeOffset NotBefore { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The JWS header as written: alg, typ, kid. Built when first read: most assertions are only posted.</summary>
    public IReadOnlyDictionary<string, object> Header => header ??= Members(("alg", "ES256"), ("typ", "JWT"), ("kid", KeyId));

    /// <summary>The claims as written: iss, sub, aud, jti (strings), exp, iat, nbf (longs).</summary>
    public IReadOnlyDictionary<string, object> Claims => claims ??= Members(
        ("iss", Issuer),
        ("sub", ClientId),
        ("aud", Audience),
        ("jti", JwtId),
        ("exp", ExpiresAt.ToUnixTimeSeconds()),
        ("iat", IssuedAt.ToUnixTimeSeconds()),
        ("nbf", NotBefore.ToUnixTimeSeconds()));

    private static OrderedMap<object> Members(params (string Name, object Value)[] members) =>
        new OrderedMap<object>(Array.ConvertAll(members, member => new KeyValuePair<string, object>(member.Name, member.Value)));

    public override string ToString() => $"ClientAssertion sub={ClientId} kid={KeyId} jti={JwtId} exp={ExpiresAt:u}";
}
