using System;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Cache;

/// <summary>A token the caller holds outlives the cache entry it came from until it expires, and is never renewed.</summary>
public sealed class HeldTokenTests
{
    [Fact]
    public async Task A_held_token_is_used_as_it_is_after_its_entry_is_cleared_until_it_expires()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        var held = new HeldToken(first.Token.ExpiresAt, () => first.Token.AccessToken);
        var provider = new CachedTokenProvider(first.Handle, held: held);
        cache.Clear();

        Assert.Equal(first.Token.AccessToken, await provider.GetAccessTokenAsync(tenant.Events, CancellationToken.None));
        var notRenewed =
            await Assert.ThrowsAsync<HyprTokenUnavailableException>(() =>
            provider.RenewAsync(first.Token.AccessToken, tenant.Events, CancellationToken.None));
        Assert.Equal(TokenUnavailableReason.Cleared, notRenewed.Reason);
        Assert.Equal(1, tenant.Exchanges(client));

        tenant.Advance(first.Token.ExpiresAt - tenant.Clock.GetUtcNow());
        var expired =
            await Assert.ThrowsAsync<HyprTokenUnavailableException>(() => provider.GetAccessTokenAsync(tenant.Events, CancellationToken.None));
        Assert.Equal(TokenUnavailableReason.Cleared, expired.Reason);
        Assert.Equal(1, tenant.Exchanges(client));
    }
}
