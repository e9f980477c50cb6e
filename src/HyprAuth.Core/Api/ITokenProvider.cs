using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Core.Api;

/// <summary>Where <see cref="ApiClient"/> gets its bearer token, and a renewed one when the API rejects it.</summary>
public interface ITokenProvider
{
    Task<string> GetAccessTokenAsync(IHyprEvents events, CancellationToken cancellationToken);

    /// <summary>A token to replace <paramref name="rejectedAccessToken"/>; null when this provider cannot renew.</summary>
    /// <exception cref="Errors.HyprTokenUnavailableException">This provider renews, but not now; the message says why.</exception>
    Task<string?> RenewAsync(string rejectedAccessToken, IHyprEvents events, CancellationToken cancellationToken);
}
