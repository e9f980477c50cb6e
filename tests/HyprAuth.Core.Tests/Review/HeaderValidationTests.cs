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

/// <summary>Defect 8: a header RFC 9110 does not allow is refused at once, naming the header and never its value; nothing is sent.</summary>
public sealed class HeaderValidationTests
{
    private static readonly Uri Tenant = new Uri("https://highlandsbank.hypr.com");

    [Theory]
    [InlineData("X-A", "Zoë-secret")]
    [InlineData("X-A", "nul\u0000-secret")]
    [InlineData("X-A", "vertical\u000btab-secret")]
    [InlineData("X-A", "delete\u007f-secret")]
    [InlineData("X(A)", "plain")]
    [InlineData("X-Zoë", "plain")]
    [InlineData("X/A", "plain")]
    public void A_header_outside_RFC_9110_is_refused_naming_the_header_only(string name, string value)
    {
        var request = new ApiRequest(HttpMethod.Get, Tenant);

        var error = Assert.Throws<HyprArgumentException>(() => request.AddHeader(name, value));

        Assert.Equal("Headers", error.ParameterName);
        Assert.DoesNotContain("secret", error.Message);
        Assert.Empty(request.Headers);
    }

    [Theory]
    [InlineData("Transfer-Encoding")]
    [InlineData("transfer-encoding")]
    [InlineData("Content-Length")]
    [InlineData("Connection")]
    [InlineData("Upgrade")]
    [InlineData("TE")]
    [InlineData("Keep-Alive")]
    [InlineData("Trailer")]
    [InlineData("Proxy-Connection")]
    [InlineData("Host")]
    public void A_framing_or_hop_by_hop_header_is_refused_naming_the_header_only(string name)
    {
        var request = new ApiRequest(HttpMethod.Get, Tenant);

        var error = Assert.Throws<HyprArgumentException>(() => request.AddHeader(name, "secret-value"));

        Assert.Equal("Headers", error.ParameterName);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message);
        Assert.Empty(request.Headers);
    }

    [Theory]
    [InlineData("X-Trace!#$%&'*+.^_`|~09", "visible ASCII, space and\ttab: ~!\"")]
    [InlineData("If-Match", "\"etag\"")]
    public void Every_RFC_9110_token_name_and_visible_ASCII_value_is_accepted(string name, string value)
    {
        var request = new ApiRequest(HttpMethod.Get, Tenant);

        request.AddHeader(name, value);

        Assert.Single(request.Headers);
    }

    [Fact]
    public async Task A_request_with_a_refused_header_sends_nothing_and_is_not_retried()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var cached = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        var request = new ApiRequest(HttpMethod.Get, ApiUri.Build(tenant.TenantUri, "/rp/api/echo"));

        Assert.Throws<HyprArgumentException>(() => request.AddHeader("X-A", "Zoë"));
        Assert.Throws<HyprArgumentException>(() => request.AddHeader("Transfer-Encoding", "chunked"));
        await tenant.ApiClient.SendAsync(request, new CachedTokenProvider(cached.Handle), tenant.Events, CancellationToken.None);

        Assert.Equal(1, tenant.Requests(TestTenant.EchoRoute));
        Assert.Empty(tenant.Events.ProgressUpdates);
    }
}
