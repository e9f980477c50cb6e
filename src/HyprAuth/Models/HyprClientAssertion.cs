using HyprAuth.Core.Assertions;

namespace HyprAuth;

/// <summary>
/// A signed client assertion (RFC 7523 private_key_jwt), as New-HyprClientAssertion returns it.
/// It is the one object that carries an assertion in the open, because the user asked for it.
/// </summary>
public sealed class HyprClientAssertion
{
    internal HyprClientAssertion(ClientAssertion assertion)
    {
        Jwt = assertion.Jwt;
        ClientId = assertion.ClientId;
        KeyId = assertion.KeyId;
        JwtId = assertion.JwtId;
        Issuer = assertion.Issuer;
        Audience = assertion.Audience;
        IssuedAt = assertion.IssuedAt.UtcDateTime;
        NotBefore = assertion.NotBefore.UtcDateTime;
        ExpiresAt = assertion.ExpiresAt.UtcDateTime;
        Header = assertion.Header;
        Claims = assertion.Claims;
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
