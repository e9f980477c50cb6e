using System;
using System.Management.Automation;

namespace HyprAuth.Internal
{
    /// <summary>-TenantUri and -ClientId of the cache cmdlets: wildcards allowed, a tenant matched by its host.</summary>
    internal sealed class CacheFilter
    {
        private readonly WildcardPattern? _tenant;
        private readonly WildcardPattern? _clientId;

        internal CacheFilter(string? tenantUri, string? clientId)
        {
            _tenant = tenantUri is null ? null : new WildcardPattern(HostOf(tenantUri), WildcardOptions.IgnoreCase);
            _clientId = clientId is null ? null : new WildcardPattern(clientId, WildcardOptions.IgnoreCase);
        }

        internal bool Matches(Uri tokenEndpoint, string clientId) =>
            (_tenant is null || _tenant.IsMatch(tokenEndpoint.Authority)) && (_clientId is null || _clientId.IsMatch(clientId));

        private static string HostOf(string tenantUri) =>
            Uri.TryCreate(tenantUri, UriKind.Absolute, out Uri? uri) && !string.IsNullOrEmpty(uri.Authority) ? uri.Authority : tenantUri.Trim().TrimEnd('/');
    }
}
