using System;
using System.Security.Cryptography;
using System.Text;
using HyprAuth.Core.Exchange;

namespace HyprAuth.Core.Cache;

/// <summary>
/// Which requests share a token: same token endpoint, client id, assertion claims (audience, issuer, kid), grant
/// type, and proof of the same credential. A request differing in any of them would get a different answer from
/// the server, so it must never be served another's token. The key's thumbprint is part of it, so that in a process
/// hosting many users' runspaces only a caller holding the key is served its token. A fixed assertion is keyed by
/// its own hash, not by its claims: claims can be forged without the key, the exact assertion cannot.
/// </summary>
internal static class CacheKey
{
    public static string For(TokenRequest request) =>
        request.SigningKey != null
            ? ForKey(request.TokenEndpoint, request.ClientId, KeyCredential.Of(request))
            : Compose(request.TokenEndpoint, request.ClientId, "grant:" + request.GrantType, "assertion:" + Sha256(request.Assertion!));

    /// <summary>The key of a signing-key credential, also from what the persistent cache stores about it.</summary>
    public static string ForKey(Uri tokenEndpoint, string clientId, KeyCredential credential) =>
        Compose(
            tokenEndpoint,
            clientId,
            "aud:" + credential.Audience,
            "iss:" + credential.Issuer,
            "kid:" + credential.KeyId,
            "grant:" + credential.GrantType,
            "key:" + credential.KeyThumbprint);

    // Values are trimmed text without line breaks (TokenRequest checks them), so a newline separates them unambiguously.
    private static string Compose(Uri tokenEndpoint, string clientId, params string[] parts) =>
        tokenEndpoint.AbsoluteUri + "\n" + clientId + "\n" + string.Join("\n", parts);

    private static string Sha256(string text)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
    }
}
