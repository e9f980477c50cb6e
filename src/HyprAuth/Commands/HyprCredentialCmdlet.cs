using HyprAuth.Completers;
using HyprAuth.Core;

namespace HyprAuth.Commands;

/// <summary>
/// The credential parameters that Connect-Hypr and Get-HyprAccessToken declare alike: the client, its key (in one of
/// three parameter sets) and the exchange's endpoint, grant type and cache. Each cmdlet declares the rest itself,
/// because their sets differ there: -TenantUri binds from the pipeline only on Get-HyprAccessToken, and -KeyId,
/// -Issuer and -Audience are in Connect-Hypr's -EnvironmentVariable set but not in Get-HyprAccessToken's -Assertion set.
/// </summary>
public abstract class HyprCredentialCmdlet : HyprTransportCmdlet
{
    private protected const string ClientKeySet = "ClientKey";
    private protected const string KeyPathSet = "KeyPath";
    private protected const string KeyNameSet = "KeyName";

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ClientKeySet)]
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = KeyPathSet)]
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = KeyNameSet)]
    [Alias("sub")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string? ClientId { get; set; }

    [Parameter(Mandatory = true, Position = 2, ParameterSetName = ClientKeySet)]
    [Alias("keybase64")]
    public object? ClientKey { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = KeyPathSet)]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    /// <summary>A client key in Windows key storage, stored with Import-HyprClientKey (Windows only).</summary>
    [Parameter(Mandatory = true, ParameterSetName = KeyNameSet)]
    [ValidateNotNullOrEmpty]
    public string? KeyName { get; set; }

    /// <summary>An absolute token endpoint, for a tenant whose endpoint is not at HYPR's documented path.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TokenEndpoint { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(GrantTypeCompleter))]
    public string GrantType { get; set; } = HyprDefaults.GrantType;

    /// <summary>
    /// CurrentUser also keeps the token on disk for this user's later processes (scheduled tasks). In every parameter
    /// set, so $PSDefaultParameterValues can switch it on for a session; it matters only where a key is exchanged
    /// (a token from a ready assertion is never written to disk).
    /// </summary>
    [Parameter]
    [Alias("Location")]
    public HyprTokenCacheLocation TokenCache { get; set; } = HyprTokenCacheLocation.Process;
}
