using System;
using System.Collections.Generic;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Core.Exchange;

/// <summary>An access token and what is known about it. <see cref="ToString"/> never shows the token.</summary>
public sealed class TokenResult(string accessToken, string tokenType, IReadOnlyList<string> scopes, DateTimeOffset issuedAt,
    DateTimeOffset expiresAt, Uri tokenEndpoint, string clientId)
{
    /// <summary>The secret itself; for whoever asks for it explicitly.</summary>
    public string AccessToken { get; } = Live(accessToken);

    /// <summary>Always "Bearer".</summary>
    public string TokenType { get; } = tokenType;

    public IReadOnlyList<string> Scopes { get; } = scopes;

    /// <summary>When the request that produced it was sent (local clock).</summary>
    public DateTimeOffset IssuedAt { get; } = issuedAt;

    /// <summary>IssuedAt plus expires_in: measured from the sending, so it errs on the early side.</summary>
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public Uri TokenEndpoint { get; } = tokenEndpoint;

    public string ClientId { get; } = clientId;

    public override string ToString() =>
        $"{TokenType} token for {ClientId} from {TokenEndpoint.Authority}, expires " +
            $"{ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, scope '{string.Join(" ", Scopes)}'";

    // A live secret from the moment it exists: every redaction hides it from then on.
    private static string Live(string accessToken)
    {
        LiveSecrets.Add(accessToken);
        return accessToken;
    }
}
