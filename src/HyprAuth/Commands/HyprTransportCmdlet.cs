using System;
using System.Management.Automation;
using HyprAuth.Core.Http;

namespace HyprAuth.Commands
{
    /// <summary>The parameters of every cmdlet that talks to the tenant: timeout, retries and proxy.</summary>
    public abstract class HyprTransportCmdlet : HyprCmdlet
    {
        /// <summary>Seconds one request may take before it is abandoned (each retry gets the same again).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>Retries on 429, 503 and other transient failures; 0 turns them off.</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int MaximumRetryCount { get; set; } = 3;

        /// <summary>A proxy to use instead of the system's.</summary>
        [Parameter]
        public Uri? Proxy { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        internal TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSec);

        internal RetryPolicy RetryPolicy => MaximumRetryCount == RetryPolicy.Default.MaximumRetryCount
            ? RetryPolicy.Default
            : new RetryPolicy(maximumRetryCount: MaximumRetryCount);

        internal ProxySettings ProxySettings => Proxy is null && ProxyCredential is null && !ProxyUseDefaultCredentials
            ? ProxySettings.System
            : new ProxySettings(Proxy, ProxyCredential?.GetNetworkCredential(), ProxyUseDefaultCredentials);
    }
}
