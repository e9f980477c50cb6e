using System.Linq;
using System.Management.Automation;
using HyprAuth.Core.Cache;
using HyprAuth.Internal;

namespace HyprAuth.Commands
{
    /// <summary>Lists the entries of the process-wide token cache: tenant, client, scope, expiry. Never a token or a key.</summary>
    [Cmdlet(VerbsCommon.Get, "HyprTokenCache")]
    [OutputType(typeof(HyprTokenCacheEntry))]
    public sealed class GetHyprTokenCacheCommand : HyprCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? TenantUri { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        protected override void ProcessRecord()
        {
            var filter = new CacheFilter(TenantUri, ClientId);
            foreach (TokenCacheEntryInfo entry in TokenCache.Shared.List().Where(e => filter.Matches(e.TokenEndpoint, e.ClientId)))
            {
                WriteObject(ToPublic(entry));
            }
        }

        internal static HyprTokenCacheEntry ToPublic(TokenCacheEntryInfo entry) =>
            new HyprTokenCacheEntry(entry.TenantUri, entry.TokenEndpoint, entry.ClientId, entry.Audience, entry.Scopes.ToArray(), entry.IssuedAt, entry.ExpiresAt, entry.KeyThumbprint, entry.CanRenew, entry.Handle);
    }
}
