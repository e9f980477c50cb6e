using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Core.Tests.Cache;

public sealed class TokenCacheTests
{
    [Fact]
    public async Task First_call_exchanges_and_the_second_comes_from_the_cache()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();

        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        var second = await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Same(first.Token, second.Token);
        Assert.Equal(1, tenant.Exchanges(client));
    }

    [Fact]
    public async Task Force_refresh_exchanges()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));

        var forced = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), true, tenant.Events, CancellationToken.None));

        Assert.False(forced.FromCache);
        Assert.NotEqual(first.Token.AccessToken, forced.Token.AccessToken);
        Assert.Equal(2, tenant.Exchanges(client));
        Assert.Same(forced.Token, (await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None)).Token);
    }

    [Fact]
    public async Task Token_near_expiry_is_renewed_before_it_is_handed_out()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        var untilRenewal = first.Token.ExpiresAt - tenant.Clock.GetUtcNow() - cache.MinimumValidity;

        tenant.Advance(untilRenewal - TimeSpan.FromSeconds(5));
        Assert.True((await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None)).FromCache);

        tenant.Advance(TimeSpan.FromSeconds(10));
        var renewed = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));

        Assert.False(renewed.FromCache);
        Assert.True(renewed.Token.ExpiresAt - tenant.Clock.GetUtcNow() > TimeSpan.FromMinutes(59));
        Assert.Equal(2, tenant.Exchanges(client));
    }

    [Fact]
    public async Task Sixteen_concurrent_callers_from_an_empty_cache_cause_one_exchange()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        tenant.Fault("token", "delay", delayMs: 300);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            var request = tenant.Request(client);
            await start.Task;
            return await cache.GetTokenAsync(request, false, new RecordingEvents(), CancellationToken.None);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, tenant.Exchanges(client));
        Assert.Equal(1, tenant.ExchangeAttempts(client));
        Assert.Single(results.Select(r => r.Token.AccessToken).Distinct());
    }

    [Fact]
    public async Task Failed_renewal_while_still_valid_keeps_the_token_with_a_warning()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        tenant.Advance(first.Token.ExpiresAt - tenant.Clock.GetUtcNow() - TimeSpan.FromSeconds(30));
        tenant.Fault("token", "status", count: 4, status: 503);

        var kept = await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None);

        Assert.True(kept.FromCache);
        Assert.Same(first.Token, kept.Token);
        var warning = Assert.Single(tenant.Events.Warnings);
        Assert.Contains("HTTP 503", warning);
        Assert.Equal(1, tenant.Exchanges(client));

        // Meanwhile no caller hammers the failing server again.
        var requests = tenant.Requests(TestTenant.TokenRoute);
        Assert.True((await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None)).FromCache);
        Assert.Equal(requests, tenant.Requests(TestTenant.TokenRoute));
        Assert.Equal(2, tenant.Events.Warnings.Count);
        SecretAssert.NoneIn(tenant.Secrets, tenant.Events.AllText);

        // Once the interval has passed, it renews.
        tenant.Advance(TokenCache.RenewalRetryInterval);
        Assert.False((await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None)).FromCache);
    }

    [Fact]
    public async Task Throttled_renewal_with_a_valid_token_never_exchanges_again_before_expiry()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient(new ClientSpec { MaxActiveTokens = 1 });
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        tenant.Advance(first.Token.ExpiresAt - tenant.Clock.GetUtcNow() - TimeSpan.FromSeconds(50));

        var kept = await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None);
        Assert.Same(first.Token, kept.Token);
        Assert.Contains("1201093", Assert.Single(tenant.Events.Warnings));
        Assert.Equal(2, tenant.ExchangeAttempts(client));

        tenant.Advance(TimeSpan.FromSeconds(40));
        Assert.Same(first.Token, (await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None)).Token);
        Assert.Equal(2, tenant.ExchangeAttempts(client));
    }

    [Theory]
    [InlineData("status", 400)]
    [InlineData("status", 200)]
    [InlineData("html", 502)]
    [InlineData("malformed-json", 200)]
    [InlineData("redirect", 307)]
    [InlineData("reset", null)]
    public async Task Failed_first_exchange_leaves_no_entry(string kind, int? status)
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        tenant.Fault("token", kind, status: status, body: kind == "status" ? "{\"errorCode\":1201047,\"errorMessage\":\"nope\"}" : null);

        var error = await Assert.ThrowsAnyAsync<HyprAuthException>(() =>
            cache.GetTokenAsync(tenant.Request(client, RetryPolicy.None), false, tenant.Events, CancellationToken.None));

        Assert.Empty(cache.List());
        var next = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        Assert.False(next.FromCache);
        Assert.Single(cache.List());
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
    }

    [Fact]
    public async Task A_caller_without_the_key_gets_no_cached_token()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var other = tenant.CreateClient();
        var cache = tenant.NewCache();
        tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        var impostor = new TokenRequest(tenant.TokenEndpoint, client.ClientId, HyprSigningKey.Import(other.ClientKey))
        {
            Transport = new TransportOptions(retryPolicy: RetryPolicy.None),
        };

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            cache.GetTokenAsync(impostor, false, tenant.Events, CancellationToken.None));

        Assert.Equal(1201047, error.HyprErrorCode);
        Assert.Single(cache.List());
    }

    [Fact]
    public async Task Caller_cancelling_does_not_cancel_the_exchange_for_others()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        tenant.Fault("token", "delay", delayMs: 600);
        using var impatient = new CancellationTokenSource();

        var patientCall = cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None);
        var impatientCall = cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, impatient.Token);
        impatient.CancelAfter(100);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatientCall);
        Assert.False(patientCall.IsCompleted);
        tenant.Remember(await patientCall);
        Assert.Equal(1, tenant.Exchanges(client));
    }

    [Fact]
    public async Task When_every_caller_gives_up_the_exchange_is_cancelled_and_nothing_is_left()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        tenant.Fault("token", "delay", delayMs: 3000);
        using var cancellation = new CancellationTokenSource(150);
        var started = DateTimeOffset.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, cancellation.Token));

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(2));
        tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        Assert.Equal(1, tenant.Exchanges(client));
    }
}
