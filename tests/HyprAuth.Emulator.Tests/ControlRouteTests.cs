using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Emulator.Tests;

/// <summary>The /_emulator/ routes as a script (Pester) drives them.</summary>
public sealed class ControlRouteTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;

    public ControlRouteTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.State.Reset();
    }

    [Fact]
    public async Task CreatedClientCanExchangeAndRevokeRoutesRevoke()
    {
        using HttpResponseMessage created =
            await emulator.Http.PostAsJsonAsync("_emulator/clients",
            new { scopes = new[] { "hypr:rp:report" }, tokenTtlSeconds = 120, maxActiveTokens = 3 });
        RegisteredClient client = (await created.Content.ReadFromJsonAsync(EmulatorJson.Default.RegisteredClient))!;
        string first = await emulator.GetTokenAsync(client);
        string second = await emulator.GetTokenAsync(client);

        using HttpResponseMessage one = await emulator.Http.PostAsJsonAsync("_emulator/tokens/revoke", new { accessToken = first });
        using HttpResponseMessage all = await emulator.Http.PostAsJsonAsync("_emulator/tokens/revoke", new { clientId = client.ClientId });
        using HttpResponseMessage neither = await emulator.Http.PostAsJsonAsync("_emulator/tokens/revoke", new { });
        using HttpResponseMessage echo = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo", second);

        Assert.Matches("^hypap-[0-9a-f]{32}$", client.ClientId);
        Assert.Equal(["hypr:rp:report"], client.Scopes);
        Assert.Equal(["HYPRDefaultApplication"], client.RpAppIds);
        Assert.Equal(120, client.TokenTtlSeconds);
        Assert.Equal(3, client.MaxActiveTokens);
        Assert.Equal(client.KeyId, client.PublicJwk.Kid);
        Assert.Equal(1, (await EmulatorFixture.JsonAsync(one)).GetProperty("revoked").GetInt32());
        Assert.Equal(1, (await EmulatorFixture.JsonAsync(all)).GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, echo.StatusCode);
    }

    [Fact]
    public async Task ClientWithEmptyBodyGetsDefaults()
    {
        using HttpResponseMessage created = await emulator.Http.PostAsync("_emulator/clients", null);

        JsonElement client = await EmulatorFixture.JsonAsync(created);
        Assert.Equal(3600, client.GetProperty("tokenTtlSeconds").GetInt32());
        Assert.Equal(5, client.GetProperty("maxActiveTokens").GetInt32());
        Assert.Equal("EC", client.GetProperty("publicJwk").GetProperty("kty").GetString());
        Assert.StartsWith("MEECAQAw", client.GetProperty("clientKey").GetString());
    }

    [Fact]
    public async Task ClockRouteSetsAnAbsoluteOffsetThatExpiresTokens()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());

        using HttpResponseMessage first = await emulator.Http.PostAsJsonAsync("_emulator/clock", new { offsetSeconds = 1800 });
        using HttpResponseMessage second = await emulator.Http.PostAsJsonAsync("_emulator/clock", new { offsetSeconds = 3600 });
        using HttpResponseMessage echo = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo", token);

        Assert.Equal(3600, (await EmulatorFixture.JsonAsync(second)).GetProperty("offsetSeconds").GetDouble());
        Assert.Equal(TimeSpan.FromHours(1), emulator.State.Clock.Offset);
        Assert.Contains("token expired", await EmulatorFixture.ErrorMessageAsync(echo, 1201046));
    }

    [Fact]
    public async Task CountersRouteReportsStableKeys()
    {
        RegisteredClient client = emulator.State.CreateClient();
        string token = await emulator.GetTokenAsync(client);
        using HttpResponseMessage introspect = await emulator.SendAsync(HttpMethod.Get, "rp/api/bulk/HYPRDefaultApplication/introspect", token);
        using HttpResponseMessage entity = await emulator.SendAsync(HttpMethod.Get, "rp/api/bulk/HYPRDefaultApplication/introspect/devices", token);
        using HttpResponseMessage echo = await emulator.SendAsync(HttpMethod.Delete, "rp/api/echo/a/b", token);
        using HttpResponseMessage missing = await emulator.Http.GetAsync("nowhere");

        JsonElement counters = await EmulatorFixture.JsonAsync(await emulator.Http.GetAsync("_emulator/counters"));

        JsonElement requests = counters.GetProperty("requests");
        Assert.Equal(1, requests.GetProperty("POST /rp/token/endpoint/exchange/clientcredentials").GetInt32());
        Assert.Equal(1, requests.GetProperty("GET /rp/api/bulk/{rpAppId}/introspect").GetInt32());
        Assert.Equal(1, requests.GetProperty("GET /rp/api/bulk/{rpAppId}/introspect/{entity}").GetInt32());
        Assert.Equal(1, requests.GetProperty("ANY /rp/api/echo").GetInt32());
        Assert.Equal(1, requests.GetProperty("GET /nowhere").GetInt32());
        Assert.DoesNotContain(requests.EnumerateObject(), p => p.Name.Contains("_emulator", StringComparison.Ordinal));
        Assert.Equal(1, counters.GetProperty("exchanges").GetProperty(client.ClientId).GetInt32());
        Assert.Equal(1, counters.GetProperty("exchangeAttempts").GetProperty(client.ClientId).GetInt32());
        Assert.Equal(1, counters.GetProperty("activeTokens").GetProperty(client.ClientId).GetInt32());
        Assert.Equal(0, counters.GetProperty("faultsServed").GetInt32());
        Assert.Equal(0, counters.GetProperty("authorizationSentToOtherHost").GetInt32());
    }

    [Fact]
    public async Task ResetForgetsTokensFaultsClockAndSettingsButKeepsClients()
    {
        RegisteredClient client = emulator.State.CreateClient();
        string token = await emulator.GetTokenAsync(client);
        emulator.State.QueueFault(new FaultSpec { Route = "api", Kind = "reset" });
        emulator.State.ShiftClock(TimeSpan.FromMinutes(5));
        using HttpResponseMessage settings = await emulator.Http.PostAsJsonAsync("_emulator/settings", new { clockSkewSeconds = 1 });

        using HttpResponseMessage reset = await emulator.Http.PostAsync("_emulator/reset", null);
        using HttpResponseMessage echo = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo", token);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, echo.StatusCode);
        Assert.Equal(0, emulator.State.PendingFaults);
        Assert.Equal(TimeSpan.Zero, emulator.State.Clock.Offset);
        Assert.Equal(30, emulator.State.Settings.ClockSkewSeconds);
        Assert.Empty(emulator.State.GetCounters().Exchanges);
        await emulator.GetTokenAsync(client);
    }

    [Fact]
    public async Task SettingsRouteReadsPatchesAndValidates()
    {
        using HttpResponseMessage patched = await emulator.Http.PostAsJsonAsync("_emulator/settings", new
        {
            acceptedGrantTypes = new[] { "client_credentials" },
            maxAssertionLifetimeSeconds = 300,
            throttlingEnabled = true,
            throttleBudget = 7,
            throttleRefillPerSecond = 2.5,
        });
        using HttpResponseMessage invalid = await emulator.Http.PostAsJsonAsync("_emulator/settings", new { throttleBudget = 0 });
        JsonElement current = await EmulatorFixture.JsonAsync(await emulator.Http.GetAsync("_emulator/settings"));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["client_credentials"], current.GetProperty("acceptedGrantTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(300, current.GetProperty("maxAssertionLifetimeSeconds").GetInt32());
        Assert.Equal(7, current.GetProperty("throttleBudget").GetInt32());
        Assert.Equal(2.5, current.GetProperty("throttleRefillPerSecond").GetDouble());
        Assert.Equal("https://hypr.com", current.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task LastRequestShowsHeaderNamesNeverValues()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());
        using HttpResponseMessage echo = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo/seen", token);

        using HttpResponseMessage response = await emulator.Http.GetAsync("_emulator/last-request");

        string text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, text);
        JsonElement last = JsonDocument.Parse(text).RootElement;
        Assert.Equal("GET", last.GetProperty("method").GetString());
        Assert.Equal("/rp/api/echo/seen", last.GetProperty("path").GetString());
        Assert.True(last.GetProperty("authorizationPresent").GetBoolean());
        Assert.Contains("Authorization", last.GetProperty("headerNames").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ShutdownRouteStopsTheEmulator()
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync();
        using HttpClient http = new() { BaseAddress = host.BaseUri };

        using HttpResponseMessage response = await http.PostAsync("_emulator/shutdown", null);

        Assert.Equal("stopping", (await EmulatorFixture.JsonAsync(response)).GetProperty("status").GetString());
        Task stopped = host.WaitForShutdownAsync();
        Assert.Same(stopped, await Task.WhenAny(stopped, Task.Delay(TimeSpan.FromSeconds(5))));
    }
}
