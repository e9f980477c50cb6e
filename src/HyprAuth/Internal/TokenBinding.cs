using System;
using HyprAuth.Core.Cache;

namespace HyprAuth.Internal;

/// <summary>
/// A client's place in the process-wide token cache, as a HyprAccessToken or a HyprConnection carries it: the API
/// cmdlets ask the cache through it for the current token, renewed when it nears expiry, without being handed the
/// key again.
/// </summary>
internal sealed class TokenBinding
{
    internal TokenBinding(Uri tenantUri, TokenCacheHandle handle)
    {
        TenantUri = tenantUri;
        Handle = handle;
    }

    internal Uri TenantUri { get; }

    internal TokenCacheHandle Handle { get; }
}
