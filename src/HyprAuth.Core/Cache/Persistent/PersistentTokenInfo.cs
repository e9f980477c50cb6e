using System;
using System.Collections.Generic;

namespace HyprAuth.Core.Cache.Persistent;

/// <summary>What Get-HyprTokenCache shows of a persistent entry: no token, no key, nothing secret.</summary>
public sealed class PersistentTokenInfo
{
    internal PersistentTokenInfo(string id, string path, Uri tokenEndpoint, string clientId, string audience, string keyThumbprint,
        string tokenType, IReadOnlyList<string> scopes, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        Id = id;
        Path = path;
        TokenEndpoint = tokenEndpoint;
        ClientId = clientId;
        Audience = audience;
        KeyThumbprint = keyThumbprint;
        TokenType = tokenType;
        Scopes = scopes;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>Names the entry for <see cref="PersistentTokenStore.ClearAsync"/>: a hash of its cache key, also its file name.</summary>
    public string Id { get; }

    /// <summary>The file that holds it.</summary>
    public string Path { get; }

    public Uri TokenEndpoint { get; }

    /// <summary>Scheme, host and port of the token endpoint.</summary>
    public Uri TenantUri => new Uri(TokenEndpoint.GetLeftPart(UriPartial.Authority), UriKind.Absolute);

    public string ClientId { get; }

    public string Audience { get; }

    /// <summary>The RFC 7638 thumbprint of the signing key whose holder may use the token.</summary>
    public string KeyThumbprint { get; }

    public string TokenType { get; }

    public IReadOnlyList<string> Scopes { get; }

    public DateTimeOffset IssuedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    public override string ToString() => $"{ClientId} at {TenantUri}, expires {ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (persistent)";
}
