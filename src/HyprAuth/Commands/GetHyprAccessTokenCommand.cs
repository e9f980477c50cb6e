using System;
using System.Management.Automation;
using HyprAuth.Core;
using HyprAuth.Completers;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Errors;
using HyprAuth.Internal;

namespace HyprAuth.Commands
{
    /// <summary>
    /// Exchanges a client assertion for an access token at the tenant's token endpoint, through the process-wide
    /// token cache: one exchange per token lifetime however many callers ask. A plain getter: it changes no
    /// connection (Connect-Hypr does that).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "HyprAccessToken", DefaultParameterSetName = ClientKeySet)]
    [OutputType(typeof(HyprAccessToken))]
    public sealed class GetHyprAccessTokenCommand : HyprTransportCmdlet, ICredentialParameters
    {
        private const string ClientKeySet = "ClientKey";
        private const string KeyPathSet = "KeyPath";
        private const string AssertionSet = "Assertion";
        private const string KeyNameSet = "KeyName";

        /// <summary>The tenant, e.g. https://highlandsbank.hypr.com (a bare host name means https).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TenantUriCompleter))]
        public string TenantUri { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ClientKeySet)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = KeyPathSet)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = KeyNameSet)]
        [Alias("sub")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        public string ClientId { get; set; } = string.Empty;

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

        /// <summary>An absolute token endpoint, for a tenant whose endpoint is not at HYPR's documented path.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TokenEndpoint { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(GrantTypeCompleter))]
        public string GrantType { get; set; } = HyprDefaults.GrantType;

        /// <summary>
        /// CurrentUser also keeps the token on disk for the next process of this user (scheduled tasks). In every parameter
        /// set, so $PSDefaultParameterValues can switch it on for a session; it matters only where this call exchanges
        /// with a key (a token from a ready assertion is never written to disk).
        /// </summary>
        [Parameter]
        [Alias("Location")]
        public HyprTokenCacheLocation TokenCache { get; set; } = HyprTokenCacheLocation.Process;

        /// <summary>Exchange even when the cache holds a valid token (each exchange counts against HYPR's active-token limit).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Uri tenant;
            TokenRequest request;
            try
            {
                (tenant, request) = CreateRequest();
            }
            catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
            {
                FailFor(exception, TenantUri);
                return;
            }

            WriteVerbose($"Getting an access token for {request.ClientId} from {request.TokenEndpoint}.");
            CachedToken cached;
            try
            {
                cached = RunEngine((events, cancellation) => Core.Cache.TokenCache.Shared.GetTokenAsync(request, Force, events, cancellation));
            }
            catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
            {
                FailFor(exception, request.TokenEndpoint);
                return;
            }

            WriteVerbose(ClientCredential.Outcome(cached));
            WriteObject(TokenConverter.ToPublic(cached, new TokenBinding(tenant, cached.Handle)));
        }

        private (Uri, TokenRequest) CreateRequest()
        {
            if (ParameterSetName != AssertionSet)
            {
                return ClientCredential.CreateRequest(this, this);
            }

            Uri tenant = EndpointPolicy.ParseTenantUri(TenantUri);
            string jwt = Assertion!;
            var request = new TokenRequest(EndpointPolicy.ResolveTokenEndpoint(tenant, TokenEndpoint), jwt) { GrantType = GrantType };
            ClientCredential.Configure(request, this);
            return (tenant, request);
        }
    }
}
