using HyprAuth.Core.Exchange;

namespace HyprAuth.Core.Cache;

/// <summary>A token handed out by the cache, and the handle to ask for it (renewed) again without the key.</summary>
public sealed class CachedToken
{
    internal CachedToken(TokenResult token, bool fromCache, TokenCacheHandle handle)
    {
        Token = token;
        FromCache = fromCache;
        Handle = handle;
    }

    public TokenResult Token { get; }

    /// <summary>False when this call caused (or waited on) an exchange; true for a token from memory or from the persistent store.</summary>
    public bool FromCache { get; }

    public TokenCacheHandle Handle { get; }

    public override string ToString() => Token + (FromCache ? " (from cache)" : string.Empty);
}
