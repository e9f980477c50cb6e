namespace HyprAuth.Internal;

/// <summary>The credential parameters Get-HyprAccessToken and Invoke-HyprApi share.</summary>
internal interface ICredentialParameters
{
    string? TenantUri { get; }

    string? TokenEndpoint { get; }

    string? ClientId { get; }

    object? ClientKey { get; }

    /// <summary>A PowerShell path, resolved by <see cref="ClientCredential"/>.</summary>
    string? KeyPath { get; }

    /// <summary>A client key in Windows key storage (Import-HyprClientKey).</summary>
    string? KeyName { get; }

    string? KeyId { get; }

    string Issuer { get; }

    string Audience { get; }

    string GrantType { get; }

    HyprTokenCacheLocation TokenCache { get; }
}
