using System.Collections.Generic;
using System.Management.Automation;
using HyprAuth.Completers;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Errors;
using HyprAuth.Internal;

namespace HyprAuth.Commands
{
    /// <summary>
    /// Drops entries of the token caches: from memory (disposing their keys) and from the current user's persistent cache.
    /// The next request exchanges anew.
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "HyprTokenCache", DefaultParameterSetName = FilterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(HyprTokenCacheEntry))]
    public sealed class ClearHyprTokenCacheCommand : HyprCmdlet
    {
        private const string FilterSet = "Filter";
        private const string InputObjectSet = "InputObject";

        [Parameter(Position = 0, ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TenantUriCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? TenantUri { get; set; }

        [Parameter(Position = 1, ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>Which caches to clear; both by default.</summary>
        [Parameter(ParameterSetName = FilterSet)]
        [ValidateNotNullOrEmpty]
        public HyprTokenCacheLocation[] Location { get; set; } = { HyprTokenCacheLocation.Process, HyprTokenCacheLocation.CurrentUser };

        /// <summary>Entries from Get-HyprTokenCache: exactly these are removed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public HyprTokenCacheEntry[]? InputObject { get; set; }

        /// <summary>Write the entries that were removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                foreach (HyprTokenCacheEntry entry in Selected())
                {
                    if (ShouldProcess($"{entry.ClientId} at {entry.TenantUri} ({entry.Location})", "Remove cached token" + (entry.CanRenew ? " and key" : string.Empty)) &&
                        Remove(entry) &&
                        PassThru)
                    {
                        WriteObject(entry);
                    }
                }
            }
            catch (HyprAuthException exception)
            {
                ThrowFor(exception, TenantUri);
            }
        }

        private IEnumerable<HyprTokenCacheEntry> Selected() =>
            ParameterSetName == InputObjectSet
                ? InputObject!
                : CacheEntries.List(Location, new CacheFilter(TenantUri, ClientId), new WarningEvents(this));

        private bool Remove(HyprTokenCacheEntry entry)
        {
            if (entry.Handle is not null)
            {
                TokenCacheHandle handle = entry.Handle;
                return TokenCache.Shared.Clear(h => ReferenceEquals(h, handle)) > 0;
            }

            string id = entry.StoreId!;
            return RunEngine((events, cancellation) => TokenCache.Shared.PersistentStore.ClearAsync(e => e.Id == id, events, cancellation)) > 0;
        }
    }
}
