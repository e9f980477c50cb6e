using System;
using System.Collections.Generic;

namespace HyprAuth.Core.Cache;

/// <summary>What Get-HyprTokenCache shows of an entry: no token, no key, nothing secret.</summary>
public sealed class TokenCacheEntryInfo
{
    internal TokenCacheEntryInfo(TokenCacheHandle handle, string audience, IReadOnlyList<string> scopes, DateTimeOffset issuedAt,
        DateTimeOffset expiresAt, string? keyThumbprint)
    {
        Handle = handle;
        Audience = audience;
        Scopes = scopes;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        KeyThumbprint = keyThumbprint;
    }

    public TokenCacheHandle Handle { get; }

    public Uri TokenEndpoint => Handle.TokenEndpoint;

    /// <summary>Scheme, host and port of the token endpoint.</summary>
    public Uri TenantUri => new Uri(TokenEndpoint.GetLeftPart(UriPartial.Authority), UriKind.Absolute);

    public string ClientId => Handle.ClientId;

    public string Audience { get; }

    public IReadOnlyList<string> Scopes { get; }

    public DateTimeOffset IssuedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The RFC 7638 thumbprint of the signing key; null for a token from a fixed assertion.</summary>
    public string? KeyThumbprint { get; }

    public bool CanRenew => Handle.CanRenew;

    public override string ToString() => $"{ClientId} at {TenantUri}, expires {ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z";
}
