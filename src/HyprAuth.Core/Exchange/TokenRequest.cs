using System;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;

namespace HyprAuth.Core.Exchange;

/// <summary>
/// What to exchange for an access token: a signing key (a new assertion is signed for every attempt, so the
/// token can be renewed) or a fixed assertion string (used once as is; the token cannot be renewed).
/// </summary>
public sealed class TokenRequest
{
    private string? keyId;
    private string issuer = HyprDefaults.Issuer;
    private string audience = HyprDefaults.Audience;
    private string grantType = HyprDefaults.GrantType;
    private TransportOptions transport = TransportOptions.Default;

    /// <summary>A request that signs its own assertions with <paramref name="signingKey"/>.</summary>
    public TokenRequest(Uri tokenEndpoint, string clientId, HyprSigningKey signingKey)
    {
        TokenEndpoint = tokenEndpoint ?? throw new HyprArgumentException("TokenEndpoint", "The token endpoint is required.");
        ClientId = string.IsNullOrWhiteSpace(clientId)
            ? throw new HyprArgumentException("ClientId", "The client id is empty. Give the Client Id shown when the credentials were created.")
            : clientId.Trim();
        SigningKey = signingKey ?? throw new HyprArgumentException("ClientKey", "The signing key is required.");
    }

    /// <summary>A request that sends <paramref name="assertion"/> as it is; the client id and audience are read from it.</summary>
    public TokenRequest(Uri tokenEndpoint, string assertion)
    {
        TokenEndpoint = tokenEndpoint ?? throw new HyprArgumentException("TokenEndpoint", "The token endpoint is required.");
        var claims = AssertionClaims.Read(assertion);
        Assertion = assertion.Trim();
        ClientId = claims.Subject;

        // As the assertion says, checked or not: it is sent as it is, and the server judges it.
        audience = claims.Audience ?? HyprDefaults.Audience;
        keyId = claims.KeyId;
    }

    public Uri TokenEndpoint { get; }

    public string ClientId { get; }

    /// <summary>Null for a fixed-assertion request.</summary>
    public HyprSigningKey? SigningKey { get; }

    /// <summary>The fixed assertion; null when the request signs its own.</summary>
    public string? Assertion { get; }

    // KeyId, Issuer, Audience and GrantType are checked when set, not when the first assertion is signed: a cached
    // token would otherwise let a blank value through or not depending on the cache.

    /// <summary>The kid of signed assertions (null: the assertion factory's default); for a fixed assertion, its kid.</summary>
    public string? KeyId
    {
        get => keyId;
        set => keyId = value == null ? null : ClientAssertionFactory.RequireText(value, "KeyId", "key id", string.Empty);
    }

    public string Issuer
    {
        get => issuer;
        set => issuer = ClientAssertionFactory.RequireText(value, "Issuer", "issuer", string.Empty);
    }

    public string Audience
    {
        get => audience;
        set => audience = ClientAssertionFactory.RequireText(value, "Audience", "audience", string.Empty);
    }

    /// <summary>The lifetime of signed assertions; null for the factory's default (HYPR recommends 5-10 minutes).</summary>
    public TimeSpan? AssertionLifetime { get; set; }

    public string GrantType
    {
        get => grantType;
        set => grantType = ClientAssertionFactory.RequireText(value, "GrantType", "grant type", string.Empty);
    }

    /// <summary>The per-attempt timeout, the retries and the proxy of the exchanges this request starts.</summary>
    public TransportOptions Transport
    {
        get => transport;
        set => transport = value ?? throw new HyprArgumentException(nameof(Transport), "The transport options must not be null.");
    }

    /// <summary>
    /// Where the token cache keeps the token: this process only (the default), or also on disk for later processes
    /// of the same user. Tokens from a fixed assertion stay in this process whatever this says.
    /// </summary>
    public TokenCacheScope CacheScope { get; set; } = TokenCacheScope.Process;

    /// <summary>Only a request with a signing key can sign a new assertion, so only its token can be renewed.</summary>
    public bool CanRenew => SigningKey != null;

    /// <summary>
    /// A copy, so that later changes to the caller's request do not reach the cache; sent with <paramref name="transport"/>
    /// when given. The signing key is shared, not copied: the cache renews with the key it owns.
    /// </summary>
    internal TokenRequest Copy(TransportOptions? transport = null)
    {
        var copy = (TokenRequest)MemberwiseClone();
        copy.transport = transport ?? this.transport;
        return copy;
    }

    public override string ToString() => $"{ClientId} at {TokenEndpoint}" + (CanRenew ? string.Empty : " (fixed assertion)");
}
