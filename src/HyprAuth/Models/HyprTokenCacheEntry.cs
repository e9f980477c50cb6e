using System;
using HyprAuth.Core.Cache;

namespace HyprAuth
{
    /// <summary>One entry of the process-wide token cache, as Get-HyprTokenCache lists it: no token, no key.</summary>
    public sealed class HyprTokenCacheEntry
    {
        internal HyprTokenCacheEntry(Uri tenantUri, Uri tokenEndpoint, string clientId, string audience, string[] scope, DateTimeOffset issuedOn, DateTimeOffset expiresOn, string? keyThumbprint, bool canRenew, TokenCacheHandle handle)
        {
            Handle = handle;
            TenantUri = tenantUri;
            TokenEndpoint = tokenEndpoint;
            ClientId = clientId;
            Audience = audience;
            Scope = scope;
            IssuedOn = issuedOn;
            ExpiresOn = expiresOn;
            KeyThumbprint = keyThumbprint;
            CanRenew = canRenew;
        }

        public Uri TenantUri { get; }

        public Uri TokenEndpoint { get; }

        public string ClientId { get; }

        public string Audience { get; }

        public string[] Scope { get; }

        public DateTimeOffset IssuedOn { get; }

        public DateTimeOffset ExpiresOn { get; }

        /// <summary>The RFC 7638 thumbprint of the client key's public half; null for a token got from a ready assertion.</summary>
        public string? KeyThumbprint { get; }

        /// <summary>False for a token got from a ready assertion: the cache holds no key to sign a new one.</summary>
        public bool CanRenew { get; }

        /// <summary>Which entry this is, so Clear-HyprTokenCache can remove exactly this one.</summary>
        internal TokenCacheHandle Handle { get; }

        public override string ToString() => ClientId + " at " + TenantUri + ", expires " + ExpiresOn.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
    }
}
