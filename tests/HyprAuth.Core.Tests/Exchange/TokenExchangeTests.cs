using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Exchange;

public sealed class TokenExchangeTests
{
    [Fact]
    public async Task Exchange_returns_a_bearer_token_with_scopes_and_expiry()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var before = tenant.Clock.GetUtcNow();

        var token = tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(client.ClientId, token.ClientId);
        Assert.Equal(client.Scopes, token.Scopes);
        Assert.InRange(token.ExpiresAt - before, TimeSpan.FromSeconds(3595), TimeSpan.FromSeconds(3601));
        Assert.Equal(tenant.TokenEndpoint, token.TokenEndpoint);
        Assert.Equal(1, tenant.Exchanges(client));
        Assert.DoesNotContain(token.AccessToken, token.ToString());
    }

    [Fact]
    public async Task Form_carries_HYPRs_parameters_and_each_attempt_a_new_assertion()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", count: 2, status: 503);

        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(3, tenant.Wire.Assertions.Count);
        Assert.Equal(3, tenant.Wire.Assertions.Distinct().Count());
        Assert.Equal(1, tenant.Exchanges(client));
    }

    [Fact]
    public async Task Http_to_a_non_loopback_host_is_refused_before_any_request()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        using var key = HyprSigningKey.Import(client.ClientKey);
        var request = new TokenRequest(new Uri("http://highlandsbank.hypr.com" + HyprDefaults.TokenEndpointPath), client.ClientId, key);

        var error = await Assert.ThrowsAsync<HyprArgumentException>(() =>
            tenant.TokenClient.RequestTokenAsync(request, tenant.Events, CancellationToken.None));

        Assert.Equal("TokenEndpoint", error.ParameterName);
        Assert.Contains("https://highlandsbank.hypr.com", error.Message);
        Assert.Equal(0, tenant.Wire.RequestCount);
    }

    [Fact]
    public async Task Fixed_assertion_is_sent_as_is_and_names_its_client()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        using var key = HyprSigningKey.Import(client.ClientKey);
        var assertion = ClientAssertionFactory.Create(key, new ClientAssertionRequest { ClientId = client.ClientId }, DateTimeOffset.UtcNow).Jwt;
        var request = new TokenRequest(tenant.TokenEndpoint, assertion);

        var token = tenant.Remember(await tenant.TokenClient.RequestTokenAsync(request, tenant.Events, CancellationToken.None));

        Assert.False(request.CanRenew);
        Assert.Equal(client.ClientId, token.ClientId);
        Assert.Equal(assertion, Assert.Single(tenant.Wire.Assertions));
    }

    [Theory]
    [InlineData("not a jwt")]
    [InlineData("a.b")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjbGllbnQifQ==.c2ln")] // padded: not base64url (RFC 7515 §2)
    public void Malformed_fixed_assertion_is_refused(string assertion)
    {
        var error = Assert.Throws<HyprArgumentException>(() =>
            new TokenRequest(new Uri("https://t.example" + HyprDefaults.TokenEndpointPath), assertion));
        Assert.Equal("Assertion", error.ParameterName);
    }

    [Fact]
    public async Task Cancellation_stops_an_exchange_in_flight_at_once()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "delay", delayMs: 5000);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = DateTimeOffset.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, cancellation.Token));

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(2));
    }
}
