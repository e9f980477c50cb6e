using HyprAuth.Core.Api;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;

namespace HyprAuth.Commands;

/// <summary>
/// The base of every cmdlet that calls the tenant's API: it resolves the connection (-Connection, a token or inline
/// credentials the cmdlet offers, or the runspace's connection from Connect-Hypr) and sends requests through the
/// engine with the bearer token, renewed through the cache. A new HYPR API cmdlet derives from it, declares its own
/// parameters, builds an <see cref="ApiRequest"/> and writes what <see cref="Send"/> returns.
/// </summary>
public abstract class HyprApiCmdlet : HyprTransportCmdlet
{
    /// <summary>The parameter set of -Connection, and of the runspace's connection when nothing else is given.</summary>
    protected const string ConnectionSet = "Connection";

    private TokenBinding? inline;

    /// <summary>A connection from Connect-Hypr -PassThru or Get-HyprContext, e.g. in ForEach-Object -Parallel.</summary>
    [Parameter(ParameterSetName = ConnectionSet)]
    [ValidateNotNull]
    public HyprConnection? Connection { get; set; }

    /// <summary>A token the cmdlet was given instead of a connection (Invoke-HyprApi -AccessToken); null when it has none.</summary>
    private protected virtual HyprAccessToken? GivenToken => null;

    /// <summary>Inline credentials the cmdlet was given instead of a connection; null when it has none.</summary>
    private protected virtual ICredentialParameters? InlineCredentials => null;

    /// <summary>
    /// The tenant the call goes to, without touching the key or the network (so -WhatIf costs nothing). Ends the
    /// command with NoConnection when there is no connection to use.
    /// </summary>
    internal Uri ResolveTenant()
    {
        if (InlineCredentials is not ICredentialParameters credentials)
        {
            return GivenToken?.TenantUri ?? Connected().TenantUri;
        }

        try
        {
            return EndpointPolicy.ParseTenantUri(credentials.TenantUri);
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            ThrowFor(exception, credentials.TenantUri);
            throw;
        }
    }

    /// <summary>
    /// The cache entry the call's tokens come from. Inline credentials cost one cache lookup (an exchange at most)
    /// for the whole pipeline; the token is renewed through the cache after that.
    /// </summary>
    internal TokenBinding ResolveBinding()
    {
        if (InlineCredentials is not ICredentialParameters credentials)
        {
            return GivenToken?.Binding ?? Connected().Binding;
        }

        if (this.inline is null)
        {
            try
            {
                (Uri tenant, TokenRequest request) = ClientCredential.CreateRequest(credentials, this);
                CachedToken cached = RunEngine((events, cancellation) => TokenCache.Shared.GetTokenAsync(request, false, events, cancellation));
                this.inline = new TokenBinding(tenant, cached.Handle);
            }
            catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
            {
                ThrowFor(exception, credentials.TenantUri);
            }
        }

        return this.inline!;
    }

    /// <summary>The engine's API client: one per process, so connections are reused.</summary>
    internal static ApiClient Api { get; } = new ApiClient();

    /// <summary>Sends one request with the binding's token, with this call's timeout, retries and proxy.</summary>
    internal ApiResponse Send(TokenBinding binding, ApiRequest request)
    {
        Configure(request);
        ApiResponse response = RunEngine((events, cancellation) => Api.SendAsync(request, Tokens(binding), events, cancellation));
        KnownRpAppIds.Remember(request.Uri);
        return response;
    }

    /// <summary>Gives a request this call's timeout, retries and proxy (for engine work that sends several: pagers, exports).</summary>
    internal ApiRequest Configure(ApiRequest request)
    {
        request.Transport = Transport;
        return request;
    }

    /// <summary>
    /// The binding's tokens; a renewal this call starts uses this call's timeout, retries and proxy too. A token object
    /// the cmdlet was given is held: still usable, as it is, until it expires after Clear-HyprTokenCache.
    /// </summary>
    internal ITokenProvider Tokens(TokenBinding binding) => new CachedTokenProvider(binding.Handle, Transport, GivenToken is HyprAccessToken token
        ? new HeldToken(token.ExpiresOn, () => new System.Net.NetworkCredential(string.Empty, token.AccessToken).Password)
        : null);

    /// <summary>The runspace's connection or -Connection; ends the command with NoConnection when there is none to use.</summary>
    private HyprConnection Connected()
    {
        HyprConnection? connection = Connection ?? RunspaceConnections.Get();
        if (connection is null || connection.Disconnected)
        {
            ThrowFor(new HyprException(connection is null
                ? "There is no HYPR connection in this session. Run Connect-Hypr first, or pass " +
                    "-Connection (or -AccessToken, or inline credentials where the cmdlet takes them)."
                : $"The connection of {connection} was ended by Disconnect-Hypr. Run Connect-Hypr to connect again.",
                ErrorIds.NoConnection), null);
        }

        return connection!;
    }
}
