using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Core.Tests.Exchange;

public sealed class TokenErrorTests
{
    [Fact]
    public async Task Code_1201023_comes_from_a_token_lifetime_under_60_seconds()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient(new ClientSpec { TokenTtlSeconds = 30 });

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(1201023, error.HyprErrorCode);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("1201023", error.Message);
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
    }

    [Fact]
    public async Task Code_1201047_for_a_key_the_server_does_not_hold_carries_a_diagnosis()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var stranger = tenant.CreateClient();
        var request = new TokenRequest(tenant.TokenEndpoint, client.ClientId, HyprSigningKey.Import(stranger.ClientKey));

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.TokenClient.RequestTokenAsync(request, tenant.Events, CancellationToken.None));

        Assert.Equal(HyprErrorCodes.InvalidTokenExchange, error.HyprErrorCode);
        Assert.Contains("does not hold this key", error.Diagnosis);
        Assert.Contains("Likely cause", error.Message);
        Assert.Equal(1, tenant.Requests(TestTenant.TokenRoute));
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
    }

    [Fact]
    public async Task Code_1201047_for_a_wrong_audience_names_the_failed_check()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var request = tenant.Request(client);
        request.Audience = "https://login.example.com";

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.TokenClient.RequestTokenAsync(request, tenant.Events, CancellationToken.None));

        Assert.Equal(1201047, error.HyprErrorCode);
        Assert.Contains(AssertionCheckNames.Audience, error.Diagnosis);
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
    }

    [Fact]
    public async Task Code_1201047_for_a_replayed_fixed_assertion_says_it_may_have_been_used()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        using var key = HyprSigningKey.Import(client.ClientKey);
        var assertion = ClientAssertionFactory.Create(key, new ClientAssertionRequest { ClientId = client.ClientId }, DateTimeOffset.UtcNow).Jwt;
        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(new TokenRequest(tenant.TokenEndpoint, assertion), tenant.Events,
            CancellationToken.None));

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.TokenClient.RequestTokenAsync(new TokenRequest(tenant.TokenEndpoint, assertion), tenant.Events, CancellationToken.None));

        Assert.Equal(1201047, error.HyprErrorCode);
        Assert.Contains("used already", error.Diagnosis);
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
    }

    [Fact]
    public async Task Code_1201093_is_never_retried()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient(new ClientSpec { MaxActiveTokens = 1 });
        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(HyprErrorCodes.TokenExchangeThrottled, error.HyprErrorCode);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(2, tenant.Requests(TestTenant.TokenRoute));
        Assert.Empty(tenant.Clock.Delays);
    }

    [Fact]
    public async Task Redirect_from_the_token_endpoint_is_not_followed()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "redirect", status: 307);

        var error = await Assert.ThrowsAsync<HyprRedirectException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(307, error.StatusCode);
        Assert.Equal("localhost", error.TargetHost);
        Assert.Equal(1, tenant.Wire.RequestCount);
        Assert.Equal(0, tenant.State.GetCounters().AuthorizationSentToOtherHost);
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
    }

    [Fact]
    public async Task Server_error_echoing_the_request_is_redacted()
    {
        var assertions = new List<string>();
        using var handler = new StubHandler(async request =>
        {
            var form = await request.Content!.ReadAsStringAsync();
            assertions.Add(WebUtility.UrlDecode(form.Split('&')[1].Split('=')[1]));
            var echo = "{\"errorMessage\":\"bad request: " + form + " assertion " + assertions[^1] + "\"}";
            return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content =
                new StringContent(echo, Encoding.UTF8, "application/json") };
        });
        using var http = handler.CreateClient();
        using var key = HyprSigningKey.Import(TestKeys.SeedClientKey);
        var events = new RecordingEvents();
        var request = new TokenRequest(new Uri("https://tenant.example" + HyprDefaults.TokenEndpointPath), "hypap-client", key);

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            new TokenClient(http, new SimulatedClock()).RequestTokenAsync(request, events, CancellationToken.None));

        Assert.Equal(500, error.StatusCode);
        Assert.Contains("[redacted]", error.ServerMessage);
        Assert.True(error.ServerMessage!.Length <= 300);
        SecretAssert.NoneIn(new List<string>(assertions) { TestKeys.SeedClientKey }, error, events);
    }
}
