using System;
using System.Collections.Generic;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Core.Exchange;

/// <summary>An access token and what is known about it. <see cref="ToString"/> never shows the token.</summary>
public sealed class TokenResult
{
    public TokenResult(string accessToken, string tokenType, IReadOnlyList<string> scopes, DateTimeOffset issuedAt, DateTimeOffset expiresAt,
        Uri tokenEndpoint, string clientId)
    {
        AccessToken = accessToken;
        LiveSecrets.Add(accessToken);
        TokenType = tokenType;
        Scopes = scopes;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        TokenEndpoint = tokenEndpoint;
        ClientId = clientId;
    }

    /// <summary>The secret itself; for whoever asks for it explicitly.</summary>
    public string AccessToken { get; }

    /// <summary>Always "Bearer".</summary>
    public string TokenType { get; }

    public IReadOnlyList<string> Scopes { get; }

    /// <summary>When the request that produced it was sent (local clock).</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>IssuedAt plus expires_in: measured from the sending, so it errs on the early side.</summary>
    public DateTimeOffset ExpiresAt { get; }

    public Uri TokenEndpoint { get; }

    public string ClientId { get; }

    public override string ToString() =>
        $"{TokenType} token for {ClientId} from {TokenEndpoint.Authority}, expires " +
            $"{ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, scope '{string.Join(" ", Scopes)}'";
}
