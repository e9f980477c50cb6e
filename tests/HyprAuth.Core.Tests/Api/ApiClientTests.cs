using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;
using HyprAuth.Core.Tests.TestSupport;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Core.Tests.Api;

public sealed class ApiClientTests
{
    private const string Introspect = "/rp/api/bulk/HYPRDefaultApplication/introspect";

    [Fact]
    public async Task Call_carries_the_bearer_token_and_returns_the_body()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (cache, provider) = await ConnectAsync(tenant, tenant.CreateClient());

        var response = await tenant.ApiClient.SendAsync(Get(tenant, "/rp/api/echo"), provider, tenant.Events, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.True(response.IsJson);
        using var echo = JsonDocument.Parse(response.Body);
        var headers = echo.RootElement.GetProperty("headers");
        Assert.Equal("<redacted: Bearer>", headers.GetProperty("authorization").GetString());
        Assert.Equal("application/json", headers.GetProperty("accept").GetString());
        Assert.StartsWith("HyprAuth/", headers.GetProperty("user-agent").GetString());
        Assert.Contains("application/json", response.Headers["content-type"][0]);
        Assert.Single(cache.List());
    }

    [Fact]
    public async Task Introspect_returns_json()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());

        var response = await tenant.ApiClient.SendAsync(Get(tenant, Introspect), provider, tenant.Events, CancellationToken.None);

        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal("HYPRDefaultApplication", json.RootElement.GetProperty("rpAppId").GetString());
    }

    [Fact]
    public async Task Revoked_token_is_renewed_once_and_the_call_retried_once()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var (_, provider) = await ConnectAsync(tenant, client);
        Assert.True(tenant.State.RevokeToken(await provider.GetAccessTokenAsync(tenant.Events, CancellationToken.None)));

        var response = await tenant.ApiClient.SendAsync(Get(tenant, "/rp/api/echo"), provider, tenant.Events, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, tenant.Exchanges(client));
        Assert.Equal(2, tenant.Requests(TestTenant.EchoRoute));
        Assert.Contains(tenant.Events.VerboseMessages, m => m.Contains("renewing it and retrying once", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Second_rejection_after_renewal_is_an_error_without_another_retry()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var (_, provider) = await ConnectAsync(tenant, client);
        tenant.Fault("/rp/api/echo", "status", count: 2, status: 401,
            body: "{\"errorCode\":1201046,\"errorMessage\":\"Endpoint API token invalid or expired\"}");

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.ApiClient.SendAsync(Get(tenant, "/rp/api/echo"), provider, tenant.Events, CancellationToken.None));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal(HyprErrorCodes.TokenInvalidOrExpired, error.HyprErrorCode);
        Assert.Contains("freshly renewed token", error.Diagnosis);
        Assert.Equal(2, tenant.Exchanges(client));
        Assert.Equal(2, tenant.Requests(TestTenant.EchoRoute));
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
    }

    [Fact]
    public async Task Forbidden_rpAppId_is_not_retried_and_says_why()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient(new ClientSpec { RpAppIds = new[] { "OtherApp" } });
        var (_, provider) = await ConnectAsync(tenant, client);

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.ApiClient.SendAsync(Get(tenant, Introspect), provider, tenant.Events, CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("insufficient_scope", error.WwwAuthenticateError);
        Assert.Contains("rpAppId", error.Message);
        Assert.Equal(1, tenant.Requests("GET /rp/api/bulk/{rpAppId}/introspect"));
        Assert.Equal(1, tenant.Exchanges(client));
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
    }

    [Fact]
    public async Task Missing_scope_is_named()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient(new ClientSpec { Scopes = new[] { "hypr:cc:applications" } });
        var (_, provider) = await ConnectAsync(tenant, client);

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.ApiClient.SendAsync(Get(tenant, Introspect), provider, tenant.Events, CancellationToken.None));

        Assert.Equal("hypr:rp:report", error.RequiredScope);
        Assert.Contains("lacks the scope 'hypr:rp:report'", error.Diagnosis);
    }

    [Fact]
    public async Task Throttled_call_waits_for_Retry_After_and_succeeds()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        tenant.Fault("api", "status", status: 429, retryAfter: "2", body: "{\"errorCode\":1202500,\"errorMessage\":\"Too many requests\"}");

        var response = await tenant.ApiClient.SendAsync(Post(tenant, "/rp/api/echo", "{}"), provider, tenant.Events, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), tenant.Clock.TotalDelay);
    }

    [Fact]
    public async Task Throttling_beyond_the_retries_is_1202500()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        tenant.Fault("api", "status", count: 5, status: 429, retryAfter: "1",
            body: "{\"errorCode\":1202500,\"errorMessage\":\"Too many requests\"}");
        var request = Get(tenant, "/rp/api/echo");
        request.Transport = new TransportOptions(retryPolicy: new RetryPolicy(maximumRetryCount: 1));

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.ApiClient.SendAsync(request, provider, tenant.Events, CancellationToken.None));

        Assert.Equal(1202500, error.HyprErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Equal(2, tenant.Requests(TestTenant.EchoRoute));
    }

    [Theory]
    [InlineData("GET", 502, 2)]
    [InlineData("DELETE", 504, 2)]
    [InlineData("POST", 502, 1)]
    [InlineData("POST", 503, 2)]
    [InlineData("PATCH", 504, 1)]
    public async Task Retries_depend_on_the_method(string method, int status, int expectedRequests)
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        tenant.Fault("api", "status", status: status);
        var request = new ApiRequest(new HttpMethod(method), ApiUri.Build(tenant.TenantUri, "/rp/api/echo"));

        try
        {
            await tenant.ApiClient.SendAsync(request, provider, tenant.Events, CancellationToken.None);
        }
        catch (HyprProtocolException error)
        {
            Assert.Equal(status, error.StatusCode);
        }

        Assert.Equal(expectedRequests, tenant.Requests(TestTenant.EchoRoute));
    }

    [Fact]
    public async Task Html_error_page_is_described_not_dumped()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        tenant.Fault("api", "html", count: 4, status: 502);

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.ApiClient.SendAsync(Get(tenant, Introspect), provider, tenant.Events, CancellationToken.None));

        Assert.Equal(502, error.StatusCode);
        Assert.StartsWith("an HTML page (text/html", error.ServerMessage);
        Assert.DoesNotContain("<", error.Message);
    }

    [Fact]
    public async Task Server_error_echoing_the_token_is_redacted()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        var token = await provider.GetAccessTokenAsync(tenant.Events, CancellationToken.None);
        tenant.Fault("api", "status", status: 500, body: "{\"errorMessage\":\"bad header Authorization: Bearer " + token + " (token " + token
            + ")\"}");

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.ApiClient.SendAsync(Get(tenant, "/rp/api/echo"), provider, tenant.Events, CancellationToken.None));

        Assert.Equal(500, error.StatusCode);
        Assert.Contains("[redacted]", error.ServerMessage);
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
    }

    [Fact]
    public async Task Cross_origin_redirect_is_not_followed()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        tenant.Fault("api", "redirect", status: 302);

        var error = await Assert.ThrowsAsync<HyprRedirectException>(() =>
            tenant.ApiClient.SendAsync(Get(tenant, "/rp/api/echo"), provider, tenant.Events, CancellationToken.None));

        Assert.Equal("localhost", error.TargetHost);
        Assert.Equal(0, tenant.State.GetCounters().AuthorizationSentToOtherHost);
        Assert.Equal(1, tenant.Requests(TestTenant.EchoRoute));
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
    }

    [Fact]
    public async Task Same_origin_redirect_is_followed_with_the_token()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        tenant.Fault("/rp/api/echo/before", "redirect", status: 307, location: "/rp/api/echo/after?x=1");

        var response =
            await tenant.ApiClient.SendAsync(Post(tenant, "/rp/api/echo/before", "{\"a\":1}"), provider, tenant.Events, CancellationToken.None);

        using var echo = JsonDocument.Parse(response.Body);
        Assert.Equal("/rp/api/echo/after", echo.RootElement.GetProperty("path").GetString());
        Assert.Equal("POST", echo.RootElement.GetProperty("method").GetString());
        Assert.Equal("{\"a\":1}", echo.RootElement.GetProperty("body").GetString());
        Assert.EndsWith("/rp/api/echo/after?x=1", response.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Redirect_loop_stops_after_five()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        tenant.Fault("/rp/api/echo/loop", "redirect", count: 10, status: 302, location: "/rp/api/echo/loop");

        var error = await Assert.ThrowsAsync<HyprRedirectException>(() =>
            tenant.ApiClient.SendAsync(Get(tenant, "/rp/api/echo/loop"), provider, tenant.Events, CancellationToken.None));

        Assert.Contains("more than 5 redirects", error.Message);
        Assert.Equal(6, tenant.Wire.Requests.Count - 1);
    }

    [Fact]
    public async Task Reserved_and_non_ascii_characters_round_trip()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        var query = new[]
        {
            new KeyValuePair<string, string?>("filter", "name eq 'a&b=c' / d?e#f+g %41 ;,"),
            new KeyValuePair<string, string?>("ünï cødé", "Zürich – 東京 😀"),
            new KeyValuePair<string, string?>("tag", "one"),
            new KeyValuePair<string, string?>("tag", "two"),
            new KeyValuePair<string, string?>("empty", null),
        };
        var uri = ApiUri.Build(tenant.TenantUri, "rp/api/echo/Zürich café/a+b", query);

        var response = await tenant.ApiClient.SendAsync(new ApiRequest(HttpMethod.Get, uri), provider, tenant.Events, CancellationToken.None);

        using var echo = JsonDocument.Parse(response.Body);
        Assert.Equal("/rp/api/echo/Zürich café/a+b", echo.RootElement.GetProperty("path").GetString());
        var echoed = echo.RootElement.GetProperty("query");
        Assert.Equal("name eq 'a&b=c' / d?e#f+g %41 ;,", echoed.GetProperty("filter")[0].GetString());
        Assert.Equal("Zürich – 東京 😀", echoed.GetProperty("ünï cødé")[0].GetString());
        Assert.Equal(2, echoed.GetProperty("tag").GetArrayLength());
        Assert.Equal(string.Empty, echoed.GetProperty("empty")[0].GetString());
    }

    [Fact]
    public async Task Body_and_content_type_are_sent_as_given()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        var request = new ApiRequest(HttpMethod.Put, ApiUri.Build(tenant.TenantUri, "/rp/api/echo"))
        {
            Body = Encoding.UTF8.GetBytes("plain ü"),
            ContentType = "text/plain; charset=utf-8",
        };
        request.AddHeader("X-Request-Id", "abc-123");

        var response = await tenant.ApiClient.SendAsync(request, provider, tenant.Events, CancellationToken.None);

        using var echo = JsonDocument.Parse(response.Body);
        Assert.Equal("plain ü", echo.RootElement.GetProperty("body").GetString());
        Assert.Equal("text/plain; charset=utf-8", echo.RootElement.GetProperty("contentType").GetString());
        Assert.Equal("abc-123", echo.RootElement.GetProperty("headers").GetProperty("x-request-id").GetString());
    }

    [Fact]
    public async Task Timeout_ends_within_the_timeout_plus_a_second()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        tenant.Fault("api", "delay", delayMs: 10_000);
        var request = Get(tenant, "/rp/api/echo");
        request.Transport = new TransportOptions(TimeSpan.FromMilliseconds(700));
        var started = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<HyprTimeoutException>(() =>
            tenant.ApiClient.SendAsync(request, provider, tenant.Events, CancellationToken.None));

        Assert.InRange((DateTimeOffset.UtcNow - started).TotalSeconds, 0.6, 1.7);
        Assert.Equal("/rp/api/echo", error.Endpoint.AbsolutePath);
    }

    [Fact]
    public async Task Connection_reset_on_a_GET_is_retried()
    {
        await using var tenant = await TestTenant.StartAsync();
        var (_, provider) = await ConnectAsync(tenant, tenant.CreateClient());
        tenant.Fault("api", "reset");

        var response = await tenant.ApiClient.SendAsync(Get(tenant, "/rp/api/echo"), provider, tenant.Events, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, tenant.Requests(TestTenant.EchoRoute));
    }

    [Fact]
    public async Task Fixed_token_is_used_as_is_and_not_renewed()
    {
        using var handler = new StubHandler(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized)
        {
            Headers = { { "WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"expired\"" } },
        }));
        using var http = handler.CreateClient();
        var events = new RecordingEvents();

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() => new ApiClient(http, new SimulatedClock())
            .SendAsync(new ApiRequest(HttpMethod.Get, new Uri("https://tenant.example/rp/api/x")),
                new StaticTokenProvider("hypap-static-secret-token"), events, CancellationToken.None));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("invalid_token", error.WwwAuthenticateError);
        Assert.Equal("expired", error.ServerMessage);
        Assert.Contains("cannot be renewed", error.Diagnosis);
        Assert.Equal(1, handler.RequestCount);
        SecretAssert.NoneIn(new[] { "hypap-static-secret-token" }, error, events);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_is_not_retried_but_a_refused_connection_is()
    {
        // No real lookup: the handler fails as SocketsHttpHandler does, so no name leaves the machine.
        using var unknownHost =
            new StubHandler(_ =>
            throw new HttpRequestException("Name or service not known",
            new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound)));
        using var refused =
            new StubHandler(_ =>
            throw new HttpRequestException("Connection refused",
            new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)));
        var request = new ApiRequest(HttpMethod.Get, new Uri("https://no-such-tenant.example/rp/api/x"));

        using (var http = unknownHost.CreateClient())
        {
            var error = await Assert.ThrowsAsync<HyprTransportException>(() => new ApiClient(http, new SimulatedClock())
                .SendAsync(request, new StaticTokenProvider("hypap-static"), new RecordingEvents(), CancellationToken.None));
            Assert.False(error.Retryable);
            Assert.Contains("could not be resolved", error.Message);
            Assert.Equal(1, unknownHost.RequestCount);
        }

        using (var http = refused.CreateClient())
        {
            await Assert.ThrowsAsync<HyprTransportException>(() => new ApiClient(http, new SimulatedClock())
                .SendAsync(request, new StaticTokenProvider("hypap-static"), new RecordingEvents(), CancellationToken.None));
            Assert.Equal(1 + RetryPolicy.Default.MaximumRetryCount, refused.RequestCount);
        }
    }

    private static ApiRequest Get(TestTenant tenant, string path) => new ApiRequest(HttpMethod.Get, ApiUri.Build(tenant.TenantUri, path));

    private static ApiRequest Post(TestTenant tenant, string path, string json) =>
        new ApiRequest(HttpMethod.Post, ApiUri.Build(tenant.TenantUri, path)) { Body = Encoding.UTF8.GetBytes(json) };

    private static async Task<(TokenCache Cache, ITokenProvider Provider)> ConnectAsync(TestTenant tenant, RegisteredClient client)
    {
        var cache = tenant.NewCache();
        var cached = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        return (cache, new CachedTokenProvider(cached.Handle));
    }
}
