using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>Defect 2: an access_token that is no RFC 6750 b64token (or is absurdly long) is refused before any cache or disk sees it.</summary>
public sealed class MalformedAccessTokenTests
{
    [Theory]
    [InlineData("hypap-line\r\nX-Injected: 1", "line break")]
    [InlineData("hypap-vertical\u000btab-token", "control character")]
    [InlineData("hypap-nul\u0000-token-value", "control character")]
    [InlineData("hypap-zoë-token-value-here", "not ASCII")]
    [InlineData("hypap-with a-space-in-it", "not a bearer token")]
    [InlineData("hypap-padding=-in-the-middle", "not a bearer token")]
    public async Task A_token_outside_the_b64token_syntax_is_an_invalid_response(string accessToken, string problem)
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        tenant.Fault("token", "status", status: 200, body: Body(accessToken));

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() =>
            cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));

        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain(accessToken, error.ToString());
        Assert.Empty(cache.List());
        Assert.Equal(1, tenant.Requests(TestTenant.TokenRoute));
    }

    [Fact]
    public async Task A_token_longer_than_the_cap_is_an_invalid_response()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 200, body: Body("hypap-" + new string('a', 4096)));

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Contains("longer than the 4096 characters", error.Message);
    }

    [Fact]
    public async Task A_token_of_every_b64token_character_is_accepted()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        const string AccessToken = "AZaz09-._~+/hypap-token==";
        tenant.Fault("token", "status", status: 200, body: Body(AccessToken));

        var token = await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None);

        Assert.Equal(AccessToken, token.AccessToken);
    }

    private static string Body(string accessToken) =>
        "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":" + JsonSerializer.Serialize(accessToken) + "}";
}
