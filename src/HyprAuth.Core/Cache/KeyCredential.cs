using HyprAuth.Core.Exchange;

namespace HyprAuth.Core.Cache;

/// <summary>
/// What makes the assertions of a signing-key credential (beyond its token endpoint and client id): two requests
/// that differ in any of these get different tokens, so they must not share a cache entry or a token file.
/// </summary>
internal sealed class KeyCredential(string audience, string issuer, string keyId, string grantType, string keyThumbprint)
{
    public string Audience { get; } = audience;

    public string Issuer { get; } = issuer;

    /// <summary>The kid the assertions carry: the request's, else the key's thumbprint (the assertion factory's default).</summary>
    public string KeyId { get; } = keyId;

    public string GrantType { get; } = grantType;

    public string KeyThumbprint { get; } = keyThumbprint;

    /// <summary>The credential of a request with a signing key.</summary>
    public static KeyCredential Of(TokenRequest request)
    {
        var thumbprint = request.SigningKey!.Thumbprint;
        return new KeyCredential(request.Audience, request.Issuer, request.KeyId ?? thumbprint, request.GrantType, thumbprint);
    }
}
