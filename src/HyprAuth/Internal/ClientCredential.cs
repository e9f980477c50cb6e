using HyprAuth.Commands;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;

namespace HyprAuth.Internal;

/// <summary>Turns the credential parameters into a token request for the token cache. The cache owns the imported key from then on.</summary>
internal static class ClientCredential
{
    internal static (Uri Tenant, TokenRequest Request) CreateRequest(ICredentialParameters parameters, HyprTransportCmdlet cmdlet)
    {
        // Check the addresses before the key is touched: a refused URI must not cost a key import.
        Uri tenant = EndpointPolicy.ParseTenantUri(parameters.TenantUri);
        Uri tokenEndpoint = EndpointPolicy.ResolveTokenEndpoint(tenant, parameters.TokenEndpoint);
        string? keyPath = parameters.KeyPath is null ? null : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(parameters.KeyPath);
        HyprSigningKey key = KeyMaterial.Import(parameters.ClientKey, keyPath, cmdlet, parameters.KeyName);
        try
        {
            var request = new TokenRequest(tokenEndpoint, parameters.ClientId ?? string.Empty, key)
            {
                KeyId = parameters.KeyId,
                Issuer = parameters.Issuer,
                Audience = parameters.Audience,
                GrantType = parameters.GrantType,
                CacheScope = parameters.TokenCache == HyprTokenCacheLocation.CurrentUser ? TokenCacheScope.CurrentUser : TokenCacheScope.Process,
                Transport = cmdlet.Transport,
            };
            return (tenant, request);
        }
        catch
        {
            // A refused client id or claim: the imported key goes now, not when the garbage collector gets to it.
            key.Dispose();
            throw;
        }
    }

    /// <summary>The verbose line after a token request: did the cache serve it, or was there an exchange.</summary>
    internal static string Outcome(CachedToken cached) => cached.FromCache
        ? $"The token cache served the token (expires {cached.Token.ExpiresAt:u})."
        : $"Exchanged a new token (expires {cached.Token.ExpiresAt:u}).";
}
