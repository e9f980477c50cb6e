using HyprAuth.Core.Exchange;

namespace HyprAuth.Core.Cache.Persistent;

/// <summary>
/// One entry of the persistent cache: an access token and what identifies the credential it belongs to. The key's
/// thumbprint is a hash of the public key; neither the private key nor any assertion is ever part of an entry.
/// </summary>
internal sealed class StoredToken(KeyCredential credential, TokenResult token)
{
    /// <summary>The same key the memory cache uses, so an entry is found only by a caller holding the same key.</summary>
    public string CacheKey { get; } = Cache.CacheKey.ForKey(token.TokenEndpoint, token.ClientId, credential);

    public KeyCredential Credential { get; } = credential;

    public TokenResult Token { get; } = token;

    public PersistentTokenInfo ToInfo(string path) =>
        new PersistentTokenInfo(TokenStorePaths.IdOf(path), path, Token.TokenEndpoint, Token.ClientId, Credential.Audience,
            Credential.KeyThumbprint, Token.TokenType, Token.Scopes, Token.IssuedAt, Token.ExpiresAt);

    public override string ToString() => $"{Token.ClientId} at {Token.TokenEndpoint.Authority}";
}
