using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using HyprAuth.Core.Cache;
using HyprAuth.Internal;

namespace HyprAuth.Commands
{
    /// <summary>Drops entries of the process-wide token cache and disposes their keys; the next request exchanges anew.</summary>
    [Cmdlet(VerbsCommon.Clear, "HyprTokenCache", DefaultParameterSetName = FilterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(HyprTokenCacheEntry))]
    public sealed class ClearHyprTokenCacheCommand : HyprCmdlet
    {
        private const string FilterSet = "Filter";
        private const string InputObjectSet = "InputObject";

        [Parameter(Position = 0, ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? TenantUri { get; set; }

        [Parameter(Position = 1, ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>Entries from Get-HyprTokenCache: exactly these are removed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public HyprTokenCacheEntry[]? InputObject { get; set; }

        /// <summary>Write the entries that were removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (HyprTokenCacheEntry entry in Selected())
            {
                if (!ShouldProcess(entry.ClientId + " at " + entry.TenantUri, "Remove cached token and key"))
                {
                    continue;
                }

                TokenCacheHandle handle = entry.Handle;
                if (TokenCache.Shared.Clear(h => ReferenceEquals(h, handle)) > 0 && PassThru)
                {
                    WriteObject(entry);
                }
            }
        }

        private IEnumerable<HyprTokenCacheEntry> Selected()
        {
            if (ParameterSetName == InputObjectSet)
            {
                return InputObject!;
            }

            var filter = new CacheFilter(TenantUri, ClientId);
            return TokenCache.Shared.List()
                .Where(e => filter.Matches(e.TokenEndpoint, e.ClientId))
                .Select(GetHyprTokenCacheCommand.ToPublic);
        }
    }
}
