using HyprAuth.Core.Exchange;

namespace HyprAuth.Core.Cache.Persistent;

/// <summary>A token from the persistent store's read-exchange-write, and whether it was read rather than exchanged.</summary>
internal readonly struct StoreOutcome
{
    public StoreOutcome(TokenResult token, bool fromStore)
    {
        Token = token;
        FromStore = fromStore;
    }

    public TokenResult Token { get; }

    public bool FromStore { get; }
}
