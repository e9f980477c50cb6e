using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>Defect 4: a Retry-After beyond the cap (60 s) is not waited out in capped slices: the call stops at once and says when to come
/// back.</summary>
public sealed class LongRetryAfterTests
{
    private const string TooMany = "{\"errorCode\":1202500,\"errorMessage\":\"Too many requests\"}";

    [Fact]
    public async Task The_exchange_stops_at_once_with_the_servers_Retry_After()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", count: 4, status: 429, retryAfter: "86400", body: TooMany);

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(86400), error.RetryAfter);
        Assert.Contains("try again after", error.Message);
        Assert.Equal(1, tenant.Requests(TestTenant.TokenRoute));
        Assert.Empty(tenant.Events.ProgressUpdates);
    }

    [Fact]
    public async Task The_API_call_stops_at_once_with_the_servers_Retry_After()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var cached = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        tenant.Fault("api", "status", count: 4, status: 429, retryAfter: "86400", body: TooMany);

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() => tenant.ApiClient.SendAsync(
            new ApiRequest(HttpMethod.Get, ApiUri.Build(tenant.TenantUri, "/rp/api/echo")), new CachedTokenProvider(cached.Handle), tenant.Events,
                CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(86400), error.RetryAfter);
        Assert.Contains("try again after", error.Message);
        Assert.Equal(1, tenant.Requests(TestTenant.EchoRoute));
    }
}
