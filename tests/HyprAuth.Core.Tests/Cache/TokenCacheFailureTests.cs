using System;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Cache;

/// <summary>A failed or cancelled renewal costs the caller one answer, never the handle: the entry and its key stay.</summary>
public sealed class TokenCacheFailureTests
{
    [Fact]
    public async Task After_a_failed_renewal_of_an_expired_token_the_handle_works_again_once_the_server_does()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client, RetryPolicy.None), false, tenant.Events,
            CancellationToken.None));
        tenant.Advance(first.Token.ExpiresAt - tenant.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        tenant.Fault("token", "reset");

        await Assert.ThrowsAsync<HyprTransportException>(() => cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None));

        // Within the backoff the same failure is the answer, without another exchange.
        var attempts = tenant.ExchangeAttempts(client);
        await Assert.ThrowsAsync<HyprTransportException>(() => cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None));
        Assert.Equal(attempts, tenant.ExchangeAttempts(client));
        Assert.Empty(cache.List());

        tenant.Advance(TokenCache.FailedRenewalBackoff);
        var renewed = tenant.Remember(await cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None));

        Assert.False(renewed.FromCache);
        Assert.NotEqual(first.Token.AccessToken, renewed.Token.AccessToken);
        Assert.Equal(2, tenant.Exchanges(client));
        Assert.Single(cache.List());
        SecretAssert.NoneIn(tenant.Secrets, tenant.Events.AllText);
    }

    [Fact]
    public async Task A_renewal_cancelled_by_its_last_caller_leaves_the_handle_working()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        tenant.Advance(first.Token.ExpiresAt - tenant.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        tenant.Fault("token", "delay", delayMs: 5000);
        using (var ctrlC = new CancellationTokenSource(TimeSpan.FromMilliseconds(150)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.GetTokenAsync(first.Handle, null, tenant.Events, ctrlC.Token));
        }

        // The caller is free at once; the abandoned exchange winds down just after. Only then would a retirement show.
        await Task.Delay(250);

        // No backoff either: a cancellation says nothing of the server.
        var renewed = tenant.Remember(await cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None));

        Assert.False(renewed.FromCache);
        Assert.Equal(2, tenant.Exchanges(client));
    }

    [Fact]
    public async Task A_forced_refresh_does_not_wait_out_the_backoff()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client, RetryPolicy.None), false, tenant.Events,
            CancellationToken.None));
        tenant.Advance(first.Token.ExpiresAt - tenant.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        tenant.Fault("token", "reset");
        await Assert.ThrowsAsync<HyprTransportException>(() => cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None));

        var forced = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), true, tenant.Events, CancellationToken.None));

        Assert.False(forced.FromCache);
        Assert.Same(forced.Token, (await cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None)).Token);
    }
}
