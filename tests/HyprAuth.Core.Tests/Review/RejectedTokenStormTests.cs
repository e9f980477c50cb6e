using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>Defect 1: an API that rejects every token must not make the cache mint token after token (HYPR caps active tokens:
/// 1201093).</summary>
public sealed class RejectedTokenStormTests
{
    private const string Rejection = "{\"errorCode\":1201046,\"errorMessage\":\"Endpoint API token invalid or expired\"}";

    [Fact]
    public async Task Ten_calls_answered_401_cost_one_exchange_beyond_the_first()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        var provider = new CachedTokenProvider(first.Handle);
        tenant.Fault("api", "status", count: 100, status: 401, body: Rejection);

        for (var call = 0; call < 10; call++)
        {
            var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
                tenant.ApiClient.SendAsync(Echo(tenant), provider, tenant.Events, CancellationToken.None));
            Assert.Equal(401, error.StatusCode);
            Assert.Equal(HyprErrorCodes.TokenInvalidOrExpired, error.HyprErrorCode);
        }

        Assert.Equal(2, tenant.Exchanges(client));
        Assert.Contains(tenant.Events.VerboseMessages, m => m.Contains("not renewed again before", StringComparison.Ordinal));
        SecretAssert.NoneIn(tenant.Secrets, tenant.Events.AllText);
    }

    [Fact]
    public async Task After_the_window_a_rejected_token_is_renewed_once_more()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        var provider = new CachedTokenProvider(first.Handle);
        tenant.Fault("api", "status", count: 100, status: 401, body: Rejection);
        await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.ApiClient.SendAsync(Echo(tenant), provider, tenant.Events, CancellationToken.None));

        tenant.Advance(TimeSpan.FromSeconds(61));
        await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.ApiClient.SendAsync(Echo(tenant), provider, tenant.Events, CancellationToken.None));

        Assert.Equal(3, tenant.Exchanges(client));
    }

    [Fact]
    public async Task The_rejected_token_is_kept_until_its_replacement_arrives()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client, RetryPolicy.None), false, tenant.Events,
            CancellationToken.None));
        tenant.Fault("token", "status", status: 503, body: "{\"errorMessage\":\"down\"}");

        await Assert.ThrowsAsync<HyprTokenUnavailableException>(() =>
            cache.RenewRejectedAsync(first.Handle, first.Token.AccessToken, null, tenant.Events, CancellationToken.None));

        // The exchange failed: the first token, still valid by its expiry, is what callers get, not an error.
        var again = await cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None);
        Assert.Same(first.Token, again.Token);
        Assert.Single(cache.List());
    }

    [Fact]
    public async Task A_throttled_renewal_after_a_rejection_keeps_the_token_and_stops_renewing()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        tenant.Fault("token", "status", status: 429, body: "{\"errorCode\":1201093,\"errorMessage\":\"OAuth request throttled\"}");

        await Assert.ThrowsAsync<HyprTokenUnavailableException>(() =>
            cache.RenewRejectedAsync(first.Handle, first.Token.AccessToken, null, tenant.Events, CancellationToken.None));
        tenant.Advance(TimeSpan.FromSeconds(61));
        await Assert.ThrowsAsync<HyprTokenUnavailableException>(() =>
            cache.RenewRejectedAsync(first.Handle, first.Token.AccessToken, null, tenant.Events, CancellationToken.None));

        Assert.Equal(2, tenant.Requests(TestTenant.TokenRoute));
        Assert.Same(first.Token, (await cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None)).Token);
    }

    private static ApiRequest Echo(TestTenant tenant) => new ApiRequest(HttpMethod.Get, ApiUri.Build(tenant.TenantUri, "/rp/api/echo"));
}
