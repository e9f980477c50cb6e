using System;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Keys;

namespace HyprAuth.Core.Cache
{
    /// <summary>One cached credential and its token. Every member is read and written under <see cref="Gate"/>.</summary>
    internal sealed class CacheEntry
    {
        public CacheEntry(TokenCacheHandle handle, TokenRequest template)
        {
            Handle = handle;
            Template = template;
            KeyThumbprint = template.SigningKey?.Thumbprint;
        }

        public object Gate { get; } = new object();

        public TokenCacheHandle Handle { get; }

        /// <summary>The request renewals repeat, holding the signing key this entry owns.</summary>
        public TokenRequest Template { get; }

        public HyprSigningKey? OwnedKey => Template.SigningKey;

        public string? KeyThumbprint { get; }

        public TokenResult? Current { get; set; }

        public SharedExchange? InFlight { get; set; }

        /// <summary>
        /// Exchanges go through the persistent store (read, exchange, write under its lock). Set once any caller asks
        /// for <see cref="TokenCacheScope.CurrentUser"/>, and kept: that caller wants later processes to find the token.
        /// </summary>
        public bool Persistent { get; set; }

        /// <summary>The token an API rejected, until another replaces it: the persistent store must not hand it back.</summary>
        public string? RejectedAccessToken { get; set; }

        /// <summary>After a failed renewal while the token is still valid, no new attempt before this time.</summary>
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
}
