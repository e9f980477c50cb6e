using HyprAuth.Core;
using HyprAuth.Completers;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;

namespace HyprAuth.Commands;

/// <summary>
/// Exchanges a client assertion for an access token at the tenant's token endpoint, through the process-wide
/// token cache: one exchange per token lifetime however many callers ask. A plain getter: it changes no
/// connection (Connect-Hypr does that).
/// </summary>
[Cmdlet(VerbsCommon.Get, "HyprAccessToken", DefaultParameterSetName = ClientKeySet)]
[OutputType(typeof(HyprAccessToken))]
public sealed class GetHyprAccessTokenCommand : HyprCredentialCmdlet, ICredentialParameters
{
    private const string AssertionSet = "Assertion";

    /// <summary>The tenant, e.g. https://highlandsbank.hypr.com (a bare host name means https).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TenantUriCompleter))]
    public string TenantUri { get; set; } = string.Empty;

    /// <summary>
    /// A ready assertion: a compact JWT, or a HyprClientAssertion (its Jwt property binds from the pipeline, its
    /// ToString() is the JWT as an argument). Its token is cached but cannot be renewed. The credential parameters
    /// take no pipeline input, so a piped assertion (which has a ClientId too) always lands here.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = AssertionSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Jwt")]
    [ValidateNotNullOrEmpty]
    public string? Assertion { get; set; }

    [Parameter(ParameterSetName = ClientKeySet)]
    [Parameter(ParameterSetName = KeyPathSet)]
    [Parameter(ParameterSetName = KeyNameSet)]
    [Alias("kid")]
    [ValidateNotNullOrEmpty]
    public string? KeyId { get; set; }

    [Parameter(ParameterSetName = ClientKeySet)]
    [Parameter(ParameterSetName = KeyPathSet)]
    [Parameter(ParameterSetName = KeyNameSet)]
    [ValidateNotNullOrEmpty]
    public string Issuer { get; set; } = HyprDefaults.Issuer;

    [Parameter(ParameterSetName = ClientKeySet)]
    [Parameter(ParameterSetName = KeyPathSet)]
    [Parameter(ParameterSetName = KeyNameSet)]
    [ValidateNotNullOrEmpty]
    public string Audience { get; set; } = HyprDefaults.Audience;

    /// <summary>Exchange even when the cache holds a valid token (each exchange counts against HYPR's active-token limit).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        // What failed: the arguments until there is a request, then its token endpoint.
        object target = TenantUri;
        try
        {
            (Uri tenant, TokenRequest request) = CreateRequest();
            target = request.TokenEndpoint;
            WriteVerbose($"Getting an access token for {request.ClientId} from {request.TokenEndpoint}.");
            CachedToken cached =
                RunEngine((events, cancellation) => Core.Cache.TokenCache.Shared.GetTokenAsync(request, Force, events, cancellation));
            WriteVerbose(ClientCredential.Outcome(cached));
            WriteObject(new HyprAccessToken(cached, new TokenBinding(tenant, cached.Handle)));
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            FailFor(exception, target);
        }
    }

    private (Uri, TokenRequest) CreateRequest()
    {
        if (ParameterSetName != AssertionSet)
        {
            return ClientCredential.CreateRequest(this, this);
        }

        Uri tenant = EndpointPolicy.ParseTenantUri(TenantUri);
        return (tenant, new TokenRequest(EndpointPolicy.ResolveTokenEndpoint(tenant, TokenEndpoint), Assertion!)
        {
            GrantType = GrantType,
            Transport = Transport,
        });
    }
}
