using HyprAuth.Core.Cache;

namespace HyprAuth;

/// <summary>One entry of the process-wide token cache, as Get-HyprTokenCache lists it: no token, no key.</summary>
public sealed class HyprTokenCacheEntry
{
    internal HyprTokenCacheEntry(Uri tenantUri, Uri tokenEndpoint, string clientId, string audience, string[] scope, DateTimeOffset issuedOn,
        DateTimeOffset expiresOn, string? keyThumbprint, bool canRenew, HyprTokenCacheLocation location, TokenCacheHandle? handle,
        string? storeId)
    {
        Location = location;
        Handle = handle;
        StoreId = storeId;
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

    /// <summary>False for a token got from a ready assertion, and for one on disk: no key is there to sign a new assertion.</summary>
    public bool CanRenew { get; }

    /// <summary>Process (memory) or CurrentUser (the persistent cache on disk).</summary>
    public HyprTokenCacheLocation Location { get; }

    /// <summary>Which memory entry this is, so Clear-HyprTokenCache can remove exactly this one.</summary>
    internal TokenCacheHandle? Handle { get; }

    /// <summary>Which persistent entry this is.</summary>
    internal string? StoreId { get; }

    public override string ToString() => FormattableString.Invariant($"{ClientId} at {TenantUri}, expires {ExpiresOn:u} ({Location})");
}
