using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Emulator.Tests;

public sealed class ApiTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;

    public ApiTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.State.Reset();
    }

    [Fact]
    public async Task IntrospectListsEntitiesAndDescribesOne()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());

        using HttpResponseMessage all = await emulator.SendAsync(HttpMethod.Get, "rp/api/bulk/HYPRDefaultApplication/introspect", token);
        using HttpResponseMessage users = await emulator.SendAsync(HttpMethod.Get, "rp/api/bulk/HYPRDefaultApplication/introspect/users", token);
        using HttpResponseMessage unknown = await emulator.SendAsync(HttpMethod.Get, "rp/api/bulk/HYPRDefaultApplication/introspect/planets", token);

        JsonElement entities = (await EmulatorFixture.JsonAsync(all)).GetProperty("entities");
        Assert.Equal(["users", "devices", "auditEvents"], entities.EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Equal([250, 400, 300], entities.EnumerateArray().Select(e => e.GetProperty("count").GetInt32()));
        JsonElement schema = await EmulatorFixture.JsonAsync(users);
        Assert.Equal("HYPRDefaultApplication", schema.GetProperty("rpAppId").GetString());
        Assert.Contains("displayName", schema.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("unknown entity planets", await EmulatorFixture.ErrorMessageAsync(unknown, 1200404));
    }

    [Fact]
    public async Task FetchPagesThroughEveryRecordOnce()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());
        HashSet<string> seen = [];
        string? pageToken = null;
        int pages = 0;
        do
        {
            using HttpResponseMessage response = await emulator.FetchAsync(token, new { entity = "users", pageSize = 100, pageToken });
            JsonElement page = await EmulatorFixture.JsonAsync(response);
            Assert.Equal(250, page.GetProperty("total").GetInt32());
            foreach (JsonElement user in page.GetProperty("data").EnumerateArray())
            {
                Assert.True(seen.Add(user.GetProperty("userName").GetString()!));
            }

            pageToken = page.GetProperty("nextPageToken").GetString();
            pages++;
        }
        while (pageToken is not null);

        Assert.Equal(3, pages);
        Assert.Equal(250, seen.Count);
    }

    [Fact]
    public async Task FetchFiltersCaseInsensitivelyOnStringsAndBooleans()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());

        using HttpResponseMessage response =
            await emulator.FetchAsync(token, new { entity = "users", filter = new { department = "engineering", enabled = false }, pageSize = 500 });

        JsonElement page = await EmulatorFixture.JsonAsync(response);
        JsonElement[] data = page.GetProperty("data").EnumerateArray().ToArray();
        Assert.NotEmpty(data);
        Assert.Equal(data.Length, page.GetProperty("total").GetInt32());
        Assert.All(data, user => Assert.Equal("Engineering", user.GetProperty("department").GetString()));
        Assert.All(data, user => Assert.False(user.GetProperty("enabled").GetBoolean()));
    }

    [Fact]
    public async Task FetchReturnsNonAsciiNamesAsRawUtf8()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());

        using HttpResponseMessage response =
            await emulator.FetchAsync(
                token, new { entity = "users", filter = new Dictionary<string, string> { ["displayName"] = "ZOË ÅNGSTRÖM" } });

        byte[] raw = await response.Content.ReadAsByteArrayAsync();
        Assert.Contains("Zoë Ångström", Encoding.UTF8.GetString(raw));
        JsonElement page = JsonDocument.Parse(raw).RootElement;
        Assert.True(page.GetProperty("total").GetInt32() > 0);
        Assert.All(page.GetProperty("data").EnumerateArray(), user => Assert.Equal("Zoë Ångström", user.GetProperty("displayName").GetString()));
    }

    [Theory]
    [InlineData("{\"entity\":\"users\",\"pageToken\":\"garbage!\"}", "invalid pageToken")]
    [InlineData("{\"entity\":\"users\",\"pageToken\":\"ZGV2aWNlczo1MA\"}", "invalid pageToken")]
    [InlineData("{\"entity\":\"users\",\"pageSize\":501}", "pageSize must be 1-500")]
    [InlineData("{\"entity\":\"planets\"}", "unknown entity planets")]
    [InlineData("{\"entity\":\"users\",\"filter\":{\"shoeSize\":\"9\"}}", "unknown filter field shoeSize")]
    [InlineData("not json", "request body must be a JSON object")]
    public async Task BadFetchIsRefusedWith400(string body, string cause)
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());

        using HttpResponseMessage response = await emulator.SendAsync(
            HttpMethod.Post, "rp/api/bulk/HYPRDefaultApplication/fetch", token, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(cause, await EmulatorFixture.ErrorMessageAsync(response, 1200400));
    }

    [Fact]
    public async Task EchoShowsTheRequestButNeverTheAuthorizationValue()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient(new ClientSpec { Scopes = ["hypr:cc:applications"] }));
        HttpRequestMessage request = new(HttpMethod.Put, "rp/api/echo/some/where?a=1&a=2&b=x")
        {
            Content = new StringContent("{\"name\":\"Zoë\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Trace", "t-1");

        using HttpResponseMessage response = await emulator.Http.SendAsync(request);

        string text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, text);
        JsonElement echo = JsonDocument.Parse(text).RootElement;
        Assert.Equal("PUT", echo.GetProperty("method").GetString());
        Assert.Equal("/rp/api/echo/some/where", echo.GetProperty("path").GetString());
        Assert.Equal(["1", "2"], echo.GetProperty("query").GetProperty("a").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("<redacted: Bearer>", echo.GetProperty("headers").GetProperty("authorization").GetString());
        Assert.Equal("t-1", echo.GetProperty("headers").GetProperty("x-trace").GetString());
        Assert.StartsWith("application/json", echo.GetProperty("contentType").GetString());
        Assert.Equal("{\"name\":\"Zoë\"}", echo.GetProperty("body").GetString());
        Assert.Equal(1, emulator.State.GetCounters().Requests["ANY /rp/api/echo"]);
    }

    [Fact]
    public async Task EchoRedactsAnAuthorizationValueWithoutScheme()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());
        HttpRequestMessage request = new(HttpMethod.Get, "rp/api/echo");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", token);

        using HttpResponseMessage response = await emulator.Http.SendAsync(request);

        string text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, text);
        Assert.Equal("<redacted>", JsonDocument.Parse(text).RootElement.GetProperty("headers").GetProperty("proxy-authorization").GetString());
    }

    [Theory]
    [InlineData("missing", "missing bearer token")]
    [InlineData("unknown", "token not found")]
    [InlineData("revoked", "token revoked")]
    [InlineData("revoked client", "token revoked")]
    [InlineData("expired", "token expired")]
    [InlineData("basic", "Authorization scheme must be Bearer")]
    public async Task InvalidTokenGets401WithInvalidTokenChallenge(string scenario, string cause)
    {
        RegisteredClient client = emulator.State.CreateClient();
        string token = await emulator.GetTokenAsync(client);
        HttpRequestMessage request = new(HttpMethod.Get, "rp/api/bulk/HYPRDefaultApplication/introspect");
        switch (scenario)
        {
            case "unknown":
                token = "hypap-" + Guid.NewGuid();
                break;
            case "revoked":
                emulator.State.RevokeToken(token);
                break;
            case "revoked client":
                Assert.Equal(1, emulator.State.RevokeClientTokens(client.ClientId));
                break;
            case "expired":
                emulator.State.ShiftClock(TimeSpan.FromSeconds(3601));
                break;
        }

        if (scenario == "basic")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        }
        else if (scenario != "missing")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using HttpResponseMessage response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(1201046, body.GetProperty("errorCode").GetInt32());
        Assert.Equal("invalid_token", body.GetProperty("error").GetString());
        Assert.Equal("Endpoint API token invalid or expired: " + cause, body.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task WrongRpAppIdGets403()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient(new ClientSpec { RpAppIds = ["AppA"] }));

        using HttpResponseMessage ok = await emulator.SendAsync(HttpMethod.Get, "rp/api/bulk/AppA/introspect", token);
        using HttpResponseMessage wrong = await emulator.SendAsync(HttpMethod.Get, "rp/api/bulk/HYPRDefaultApplication/introspect", token);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        JsonElement body = await EmulatorFixture.JsonAsync(wrong);
        Assert.Equal(1201046, body.GetProperty("errorCode").GetInt32());
        Assert.Equal("insufficient_scope", body.GetProperty("error").GetString());
        Assert.Contains("rpAppId mismatch", body.GetProperty("errorMessage").GetString());
        Assert.Contains("HYPRDefaultApplication", body.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task MissingReportScopeGets403InsufficientScope()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient(new ClientSpec { Scopes = ["hypr:cc:applications"] }));

        using HttpResponseMessage response = await emulator.FetchAsync(token, new { entity = "users" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Bearer error=\"insufficient_scope\", scope=\"hypr:rp:report\"", response.Headers.WwwAuthenticate.ToString());
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(1201046, body.GetProperty("errorCode").GetInt32());
        Assert.Equal("insufficient_scope", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task DateHeaderFollowsTheEmulatorClock()
    {
        emulator.State.SetClockOffset(TimeSpan.FromHours(-5));

        using HttpResponseMessage response = await emulator.Http.GetAsync("no/such/route");

        DateTimeOffset date = response.Headers.Date!.Value;
        Assert.InRange(date, DateTimeOffset.UtcNow.AddHours(-5).AddSeconds(-5), DateTimeOffset.UtcNow.AddHours(-5).AddSeconds(5));
        Assert.Empty(response.Headers.Server);
    }

    [Fact]
    public async Task CostThrottleAnswers1202500WithRetryAfterAndRefillsWithTime()
    {
        emulator.State.Settings = emulator.State.Settings with { ThrottlingEnabled = true, ThrottleBudget = 3, ThrottleRefillPerSecond = 0.5 };
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage allowed = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo", token);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using HttpResponseMessage throttled = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo", token);
        emulator.State.ShiftClock(TimeSpan.FromSeconds(2));
        using HttpResponseMessage refilled = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo", token);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal("Too many requests", await EmulatorFixture.ErrorMessageAsync(throttled, 1202500));
        Assert.Equal(HttpStatusCode.OK, refilled.StatusCode);
    }

    [Fact]
    public async Task SixteenConcurrentCallersAreAllCounted()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());

        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            for (int i = 0; i < 100; i++)
            {
                using HttpResponseMessage response = await emulator.FetchAsync(token, new { entity = "devices", pageSize = 20 });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }));

        Assert.Equal(1600, emulator.State.GetCounters().Requests["POST /rp/api/bulk/{rpAppId}/fetch"]);
    }
}
