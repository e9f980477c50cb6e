using System;

namespace HyprAuth.Core.Cache;

/// <summary>
/// Names one cache entry, so a connection can get its token renewed without holding the key again.
/// Only the cache hands handles out, and only to a caller that presented the key (or the assertion).
/// </summary>
public sealed class TokenCacheHandle
{
    internal TokenCacheHandle(TokenCache cache, string key, Uri tokenEndpoint, string clientId, bool canRenew)
    {
        Cache = cache;
        Key = key;
        TokenEndpoint = tokenEndpoint;
        ClientId = clientId;
        CanRenew = canRenew;
    }

    public Uri TokenEndpoint { get; }

    public string ClientId { get; }

    public bool CanRenew { get; }

    internal TokenCache Cache { get; }

    internal string Key { get; }

    public override string ToString() => $"{ClientId} at {TokenEndpoint.Authority}";
}
