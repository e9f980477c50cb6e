using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Api;

/// <summary>A token string from elsewhere: used as it is, never renewed.</summary>
public sealed class StaticTokenProvider : ITokenProvider
{
    private readonly string accessToken;

    public StaticTokenProvider(string accessToken)
    {
        this.accessToken = string.IsNullOrWhiteSpace(accessToken)
            ? throw new HyprArgumentException("AccessToken", "The access token is empty.")
            : accessToken;
    }

    public Task<string> GetAccessTokenAsync(IHyprEvents events, CancellationToken cancellationToken) => Task.FromResult(accessToken);

    public Task<string?> RenewAsync(string rejectedAccessToken, IHyprEvents events, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    public override string ToString() => "a fixed access token";
}
