using HyprAuth.Core.Cache;

namespace HyprAuth.Internal;

/// <summary>
/// A client's place in the process-wide token cache, as a HyprAccessToken or a HyprConnection carries it: the API
/// cmdlets ask the cache through it for the current token, renewed when it nears expiry, without being handed the
/// key again.
/// </summary>
internal sealed class TokenBinding(Uri tenantUri, TokenCacheHandle handle)
{
    internal Uri TenantUri { get; } = tenantUri;

    internal TokenCacheHandle Handle { get; } = handle;
}
