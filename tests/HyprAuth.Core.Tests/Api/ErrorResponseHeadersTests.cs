using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Api;

/// <summary>A refusal carries the response's headers (for -ResponseHeadersVariable), never the request's, and never in its message.</summary>
public sealed class ErrorResponseHeadersTests
{
    [Fact]
    public async Task An_api_refusal_carries_the_response_headers_only()
    {
        await using var tenant = await TestTenant.StartAsync();
        var cache = tenant.NewCache();
        var cached =
            tenant.Remember(await cache.GetTokenAsync(tenant.Request(tenant.CreateClient()), false, tenant.Events, CancellationToken.None));
        tenant.Fault("api", "status", status: 429, body: "{\"errorCode\":1202500,\"errorMessage\":\"slow down\"}",
            retryAfter: "secret-looking-retry-after-value");
        var request = new ApiRequest(HttpMethod.Get, ApiUri.Build(tenant.TenantUri, "/rp/api/echo"))
        {
            Transport = new TransportOptions(retryPolicy: RetryPolicy.None),
        };

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.ApiClient.SendAsync(request, new CachedTokenProvider(cached.Handle), tenant.Events, CancellationToken.None));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(new[] { "secret-looking-retry-after-value" }, error.Headers["RETRY-AFTER"]);
        Assert.StartsWith("application/json", error.Headers["content-type"].Single());
        Assert.False(error.Headers.ContainsKey("Authorization"));
        Assert.DoesNotContain("secret-looking-retry-after-value", error.ToString());
        SecretAssert.NoneIn(tenant.Secrets, error.Headers.SelectMany(header => header.Value.Prepend(header.Key)));
    }

    [Fact]
    public async Task A_token_endpoint_refusal_carries_its_headers_too()
    {
        await using var tenant = await TestTenant.StartAsync();
        tenant.Fault("token", "status", status: 400, body: "{\"error\":\"invalid_request\"}");

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(tenant.CreateClient()), tenant.Events, CancellationToken.None));

        Assert.True(error.IsTokenExchange);
        Assert.StartsWith("application/json", error.Headers["Content-Type"].Single());
        Assert.Same(error.Headers, error.WithDiagnosis("a cause").Headers);
    }
}
