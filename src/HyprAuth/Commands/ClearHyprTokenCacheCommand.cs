using System.Linq;
using System.Management.Automation;
using HyprAuth.Core.Cache;
using HyprAuth.Internal;

namespace HyprAuth.Commands
{
    /// <summary>Drops entries of the process-wide token cache and disposes their keys; the next request exchanges anew.</summary>
    [Cmdlet(VerbsCommon.Clear, "HyprTokenCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(HyprTokenCacheEntry))]
    public sealed class ClearHyprTokenCacheCommand : HyprCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? TenantUri { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>Write the entries that were removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var filter = new CacheFilter(TenantUri, ClientId);
            foreach (TokenCacheEntryInfo entry in TokenCache.Shared.List().Where(e => filter.Matches(e.TokenEndpoint, e.ClientId)))
            {
                if (!ShouldProcess(entry.ClientId + " at " + entry.TenantUri, "Remove cached token and key"))
                {
                    continue;
                }

                TokenCacheHandle handle = entry.Handle;
                if (TokenCache.Shared.Clear(h => ReferenceEquals(h, handle)) > 0 && PassThru)
                {
                    WriteObject(GetHyprTokenCacheCommand.ToPublic(entry));
                }
            }
        }
    }
}
