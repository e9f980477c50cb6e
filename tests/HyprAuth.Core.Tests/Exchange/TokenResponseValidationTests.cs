using System;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Exchange;

/// <summary>A 200 that is not a usable token response is an error that says what came back, and leaves nothing behind.</summary>
public sealed class TokenResponseValidationTests
{
    private const string Token = "\"access_token\":\"hypap-0000-fault-token-value\"";

    [Theory]
    [InlineData("{\"token_type\":\"Bearer\",\"expires_in\":3600}", "no access_token")]
    [InlineData("{" + Token + ",\"token_type\":\"MAC\",\"expires_in\":3600}", "token_type 'MAC' is not Bearer")]
    [InlineData("{" + Token + ",\"token_type\":\"Bearer\",\"expires_in\":0}", "expires_in is not a positive number")]
    [InlineData("{" + Token + ",\"token_type\":\"Bearer\",\"expires_in\":-60}", "expires_in is not a positive number")]
    [InlineData("{" + Token + ",\"token_type\":\"Bearer\",\"expires_in\":\"an hour\"}", "expires_in is not a number")]
    [InlineData("{" + Token + ",\"token_type\":\"Bearer\",\"expires_in\":true}", "expires_in is not a number")]
    [InlineData("[1,2,3]", "JSON that is not an object")]
    [InlineData("access_token=abc&token_type=bearer", "not JSON")]
    [InlineData("", "an empty body")]
    public async Task Unusable_success_body_is_an_invalid_response(string body, string problem)
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 200, body: body);

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Contains(problem, error.Message);
        Assert.Equal(200, error.StatusCode);
        Assert.DoesNotContain("hypap-0000-fault-token-value", error.ToString());
        Assert.Equal(1, tenant.Requests(TestTenant.TokenRoute));
        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));
    }

    [Theory]
    [InlineData("html", "an HTML page")]
    [InlineData("malformed-json", "not JSON")]
    public async Task Html_page_or_truncated_json_is_an_invalid_response(string kind, string problem)
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", kind, status: 200);

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain("<", error.Message);
        Assert.DoesNotContain("hypap-", error.Message);
    }

    [Fact]
    public async Task Oversized_body_is_refused_without_reading_it_all()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 200, body: "{\"padding\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Contains("larger than the 1024 KiB", error.Message);
        Assert.Contains("application/json", error.Message);
    }

    [Fact]
    public async Task A_token_type_echoing_the_new_access_token_is_shown_redacted()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        const string OpaqueToken = "opaque-0123456789abcdef";
        tenant.Fault("token", "status", status: 200, body: "{\"access_token\":\"" + OpaqueToken + "\",\"token_type\":\"" + OpaqueToken
            + "\",\"expires_in\":3600}");

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Contains("token_type '[redacted]' is not Bearer", error.Message);
        Assert.DoesNotContain(OpaqueToken, error.ToString());
    }

    [Theory]
    [InlineData("\"expires_in\":\"1800\"", 1800)]
    [InlineData("\"expires_in\":1800.9", 1800)]
    [InlineData("\"expires_in\":999999999", 24 * 3600)]
    [InlineData("\"expires_in\":1e400", 24 * 3600)]
    [InlineData("\"scope\":\"x\"", 300)]
    public async Task Tolerated_lifetimes(string member, int expectedSeconds)
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 200, body: "{" + Token + ",\"token_type\":\"bearer\"," + member + "}");
        var before = tenant.Clock.GetUtcNow();

        var token = await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None);

        Assert.InRange((token.ExpiresAt - before).TotalSeconds, expectedSeconds - 1, expectedSeconds + 1);
        if (expectedSeconds == 300 || expectedSeconds == 24 * 3600)
        {
            Assert.Contains(tenant.Events.VerboseMessages, m => m.Contains("expires_in", StringComparison.Ordinal)
                || m.Contains("claims to last", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Missing_token_type_is_taken_as_Bearer_and_said()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 200, body: "{" + Token + ",\"expires_in\":600,\"scope\":[\"a\",\"b\"]}");

        var token = await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None);

        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(new[] { "a", "b" }, token.Scopes);
        Assert.Contains(tenant.Events.VerboseMessages, m => m.Contains("no token_type", StringComparison.Ordinal));
    }
}
