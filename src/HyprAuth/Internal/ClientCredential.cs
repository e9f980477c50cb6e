using System;
using HyprAuth.Core;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;

namespace HyprAuth.Internal
{
    /// <summary>
    /// The credential parameters Get-HyprAccessToken and Invoke-HyprApi share, turned into a token request
    /// for the session cache. The cache owns the imported key from then on.
    /// </summary>
    internal sealed class ClientCredential
    {
        internal string TenantUri { get; set; } = string.Empty;

        internal string? TokenEndpoint { get; set; }

        internal string ClientId { get; set; } = string.Empty;

        internal object? ClientKey { get; set; }

        /// <summary>A provider path, already resolved.</summary>
        internal string? KeyPath { get; set; }

        internal string? KeyId { get; set; }

        internal string Issuer { get; set; } = HyprDefaults.Issuer;

        internal string Audience { get; set; } = HyprDefaults.Audience;

        internal string GrantType { get; set; } = HyprDefaults.GrantType;

        internal TokenCacheScope CacheScope { get; set; } = TokenCacheScope.Process;

        internal (Uri Tenant, TokenRequest Request) CreateRequest(TimeSpan timeout, RetryPolicy retryPolicy, ProxySettings proxy)
        {
            // Check the addresses before the key is touched: a refused URI must not cost a key import.
            Uri tenant = EndpointPolicy.ParseTenantUri(TenantUri);
            Uri tokenEndpoint = EndpointPolicy.ResolveTokenEndpoint(tenant, TokenEndpoint);
            HyprSigningKey key = KeyMaterial.Import(ClientKey, KeyPath);
            try
            {
                var request = new TokenRequest(tokenEndpoint, ClientId, key)
                {
                    KeyId = KeyId,
                    Issuer = Issuer,
                    Audience = Audience,
                    GrantType = GrantType,
                    CacheScope = CacheScope,
                };
                Configure(request, timeout, retryPolicy, proxy);
                return (tenant, request);
            }
            catch
            {
                // A refused client id or claim: the imported key goes now, not when the garbage collector gets to it.
                key.Dispose();
                throw;
            }
        }

        internal static void Configure(TokenRequest request, TimeSpan timeout, RetryPolicy retryPolicy, ProxySettings proxy)
        {
            request.Timeout = timeout;
            request.RetryPolicy = retryPolicy;
            request.Proxy = proxy;
        }
    }
}
