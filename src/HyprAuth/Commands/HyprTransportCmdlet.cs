using HyprAuth.Core.Http;

namespace HyprAuth.Commands;

/// <summary>The parameters of every cmdlet that talks to the tenant: timeout, retries and proxy.</summary>
public abstract class HyprTransportCmdlet : HyprCmdlet
{
    /// <summary>Seconds one request may take before it is abandoned (each retry gets the same again).</summary>
    [Parameter]
    [ValidateRange(TransportOptions.MinimumTimeoutSeconds, TransportOptions.MaximumTimeoutSeconds)]
    public int TimeoutSec { get; set; } = TransportOptions.DefaultTimeoutSeconds;

    /// <summary>Retries on 429, 503 and other transient failures; 0 turns them off.</summary>
    [Parameter]
    [ValidateRange(0, RetryPolicy.MaximumRetries)]
    public int MaximumRetryCount { get; set; } = RetryPolicy.DefaultMaximumRetryCount;

    /// <summary>A proxy to use instead of the system's.</summary>
    [Parameter]
    public Uri? Proxy { get; set; }

    [Parameter]
    [Credential]
    public PSCredential? ProxyCredential { get; set; }

    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <summary>This call's timeout, retries and proxy, for every request and exchange it starts.</summary>
    internal TransportOptions Transport => new TransportOptions(
        TimeSpan.FromSeconds(TimeoutSec),
        MaximumRetryCount == RetryPolicy.DefaultMaximumRetryCount ? RetryPolicy.Default : new RetryPolicy(MaximumRetryCount),
        Proxy is null && ProxyCredential is null && !ProxyUseDefaultCredentials
            ? ProxySettings.System
            : new ProxySettings(Proxy, ProxyCredential?.GetNetworkCredential(), ProxyUseDefaultCredentials));
}
