using HyprAuth.Completers;
using HyprAuth.Core;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Exchange;

namespace HyprAuth.Commands;

/// <summary>
/// Connects the runspace to a tenant: imports the client key (from a parameter, a file or the environment), gets a
/// token through the process-wide cache at once, so a bad key or an unknown client fails here and not at the first
/// API call, and makes the connection the one the API cmdlets use. Quiet unless -PassThru.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Hypr", DefaultParameterSetName = ClientKeySet)]
[OutputType(typeof(HyprConnection))]
public sealed class ConnectHyprCommand : HyprCredentialCmdlet, ICredentialParameters
{
    private const string EnvironmentSet = "Environment";

    /// <summary>The tenant, e.g. https://highlandsbank.hypr.com (a bare host name means https).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ClientKeySet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeyPathSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeyNameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TenantUriCompleter))]
    public string? TenantUri { get; set; }

    /// <summary>Read HYPR_TENANT_URI, HYPR_CLIENT_ID, HYPR_CLIENT_KEY or HYPR_CLIENT_KEY_PATH, and HYPR_TOKEN_CACHE.</summary>
    [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
    public SwitchParameter EnvironmentVariable { get; set; }

    [Parameter]
    [Alias("kid")]
    [ValidateNotNullOrEmpty]
    public string? KeyId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Issuer { get; set; } = HyprDefaults.Issuer;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Audience { get; set; } = HyprDefaults.Audience;

    /// <summary>Write the connection to the pipeline (to pass with -Connection into other runspaces).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            HyprConnection connection = Connect(EnvironmentVariable ? FromEnvironment() : ParameterSetName switch
            {
                ClientKeySet => HyprKeySource.Parameter,
                KeyNameSet => HyprKeySource.KeyStore,
                _ => HyprKeySource.File,
            });
            RunspaceConnections.Set(connection);
            if (PassThru)
            {
                WriteObject(connection);
            }
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            ThrowFor(exception, TenantUri);
        }
    }

    /// <summary>Fills the credential parameters from the environment; a -TokenCache given on the command line wins.</summary>
    private HyprKeySource FromEnvironment()
    {
        (TenantUri, ClientId, ClientKey, KeyPath, HyprTokenCacheLocation? tokenCache) = EnvironmentCredential.Read();
        if (tokenCache is HyprTokenCacheLocation location && !MyInvocation.BoundParameters.ContainsKey(nameof(TokenCache)))
        {
            TokenCache = location;
        }

        return KeyPath is null ? HyprKeySource.Environment : HyprKeySource.File;
    }

    private HyprConnection Connect(HyprKeySource source)
    {
        (Uri tenant, TokenRequest request) = ClientCredential.CreateRequest(this, this);

        // Read before the cache takes the key: it disposes this copy when it already holds the same key.
        string thumbprint = request.SigningKey!.Thumbprint;
        string keyId = request.KeyId ?? thumbprint;
        WriteVerbose($"Connecting {request.ClientId} to {tenant} (token endpoint {request.TokenEndpoint}).");
        CachedToken cached =
            RunEngine((events, cancellation) => Core.Cache.TokenCache.Shared.GetTokenAsync(request, false, events, cancellation));
        WriteVerbose(ClientCredential.Outcome(cached));
        string? keyPath = source == HyprKeySource.File ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyPath) : null;
        return new HyprConnection(new TokenBinding(tenant, cached.Handle), keyId, thumbprint, source, keyPath, TokenCache, cached);
    }
}
