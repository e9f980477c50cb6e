namespace HyprAuth.Internal;

/// <summary>-TenantUri and -ClientId of the cache cmdlets: wildcards allowed, a tenant matched by its host.</summary>
internal sealed class CacheFilter(string? tenantUri, string? clientId)
{
    private readonly WildcardPattern? tenant = tenantUri is null ? null : new WildcardPattern(HostOf(tenantUri), WildcardOptions.IgnoreCase);
    private readonly WildcardPattern? clientId = clientId is null ? null : new WildcardPattern(clientId, WildcardOptions.IgnoreCase);

    internal bool Matches(Uri tokenEndpoint, string clientId) =>
        (this.tenant is null || this.tenant.IsMatch(tokenEndpoint.Authority)) && (this.clientId is null || this.clientId.IsMatch(clientId));

    private static string HostOf(string tenantUri) =>
        Uri.TryCreate(tenantUri, UriKind.Absolute, out Uri? uri) && !string.IsNullOrEmpty(uri.Authority) ? uri.Authority
            : tenantUri.Trim().TrimEnd('/');
}
