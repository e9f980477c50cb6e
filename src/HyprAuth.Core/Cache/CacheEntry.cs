using System;
using System.Runtime.ExceptionServices;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Keys;

namespace HyprAuth.Core.Cache;

/// <summary>One cached credential and its token. Every member is read and written under <see cref="Gate"/>.</summary>
internal sealed class CacheEntry(TokenCacheHandle handle, TokenRequest template)
{
    public object Gate { get; } = new object();

    public TokenCacheHandle Handle { get; } = handle;

    /// <summary>The request renewals repeat, holding the signing key this entry owns.</summary>
    public TokenRequest Template { get; } = template;

    public HyprSigningKey? OwnedKey => Template.SigningKey;

    public string? KeyThumbprint { get; } = template.SigningKey?.Thumbprint;

    public TokenResult? Current { get; set; }

    /// <summary>
    /// Set with the first token, and kept: from then on callers may hold the entry's handle, so a failure no longer
    /// removes the entry (its key would go with it, and every handle would fail for good).
    /// </summary>
    public bool HadToken { get; set; }

    /// <summary>The last exchange's failure once no valid token is left; rethrown until <see cref="RenewalBlockedUntil"/>.</summary>
    public ExceptionDispatchInfo? LastFailure { get; set; }

    public SharedExchange? InFlight { get; set; }

    /// <summary>
    /// Exchanges go through the persistent store (read, exchange, write under its lock). Set once any caller asks
    /// for <see cref="TokenCacheScope.CurrentUser"/>, and kept: that caller wants later processes to find the token.
    /// </summary>
    public bool Persistent { get; set; }

    /// <summary>The token an API rejected, until another replaces it: the persistent store must not hand it back.</summary>
    public string? RejectedAccessToken { get; set; }

    /// <summary>When a renewal for a token the API rejected last started; see <see cref="TokenCache.RejectedRenewalWindow"/>.</summary>
    public DateTimeOffset RejectedRenewalAt { get; set; }

    /// <summary>After a failed renewal, no new attempt before this time (but for a forced refresh).</summary>
    public DateTimeOffset RenewalBlockedUntil { get; set; }

    /// <summary>Removed from the cache; its key is disposed once no exchange uses it.</summary>
    public bool Retired { get; private set; }

    public bool IsValid(DateTimeOffset now) => Current != null && Current.ExpiresAt > now;

    /// <summary>Call under the lock; the caller disposes the key when this returns true.</summary>
    public bool Retire()
    {
        Retired = true;
        Current = null;
        return InFlight == null;
    }
}
