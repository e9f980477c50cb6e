using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Emulator.Tests;

public sealed class FaultTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;

    public FaultTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.State.Reset();
    }

    [Theory]
    [InlineData("7")]
    [InlineData("Wed, 21 Oct 2015 07:28:00 GMT")]
    [InlineData("soon-ish")]
    public async Task StatusFaultSendsStatusBodyAndRetryAfterVerbatimThenStops(string retryAfter)
    {
        RegisteredClient client = emulator.State.CreateClient();
        emulator.State.QueueFault(new FaultSpec { Route = "token", Kind = "status", Status = 503, Body = "{\"errorCode\":9}", RetryAfter =
            retryAfter });

        using HttpResponseMessage faulted = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now));
        using HttpResponseMessage normal = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(retryAfter, string.Join(",", faulted.Headers.GetValues("Retry-After")));
        Assert.Equal("{\"errorCode\":9}", await faulted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
        CountersSnapshot counters = emulator.State.GetCounters();
        Assert.Equal(1, counters.FaultsServed);
        Assert.Equal(2, counters.Requests["POST /rp/token/endpoint/exchange/clientcredentials"]);
        Assert.Equal(1, counters.ExchangeAttempts[client.ClientId]);
    }

    [Fact]
    public async Task FaultCountAndQueueOrderAreHonoured()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());
        emulator.State.QueueFault(new FaultSpec { Route = "api", Kind = "status", Status = 500, Count = 2 });
        emulator.State.QueueFault(new FaultSpec { Route = "api", Kind = "status", Status = 502 });

        HttpStatusCode[] statuses = new HttpStatusCode[4];
        for (int i = 0; i < statuses.Length; i++)
        {
            using HttpResponseMessage response = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo", token);
            statuses[i] = response.StatusCode;
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.OK],
            statuses);
        Assert.Equal(0, emulator.State.PendingFaults);
    }

    [Fact]
    public async Task ExactPathFaultHitsOnlyThatPath()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());
        emulator.State.QueueFault(new FaultSpec { Route = "/rp/api/echo/target", Kind = "status", Status = 418 });

        using HttpResponseMessage other = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo/other", token);
        using HttpResponseMessage target = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo/target", token);

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal((HttpStatusCode)418, target.StatusCode);
    }

    [Fact]
    public async Task DelayFaultWaitsThenHandlesNormallyOrAnswersItsStatus()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());
        emulator.State.QueueFault(new FaultSpec { Route = "api", Kind = "delay", DelayMs = 300 });
        emulator.State.QueueFault(new FaultSpec { Route = "api", Kind = "delay", DelayMs = 100, Status = 504 });

        Stopwatch watch = Stopwatch.StartNew();
        using HttpResponseMessage delayed = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo", token);
        TimeSpan elapsed = watch.Elapsed;
        using HttpResponseMessage timedOut = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo", token);

        Assert.Equal(HttpStatusCode.OK, delayed.StatusCode);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(290), $"took {elapsed}");
        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
    }

    [Fact]
    public async Task MalformedJsonFaultAnswers200WithTruncatedJson()
    {
        RegisteredClient client = emulator.State.CreateClient();
        emulator.State.QueueFault(new FaultSpec { Route = "token", Kind = "malformed-json" });

        using HttpResponseMessage response = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task HtmlFaultAnswersAnHtmlErrorPage()
    {
        RegisteredClient client = emulator.State.CreateClient();
        emulator.State.QueueFault(new FaultSpec { Route = "token", Kind = "html" });

        using HttpResponseMessage response = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>502 Bad Gateway</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CloseFaultBreaksTheBodyAfterTheHeaders()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());
        emulator.State.QueueFault(new FaultSpec { Route = "api", Kind = "close" });

        using HttpRequestMessage request = new(HttpMethod.Get, "rp/api/echo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage response = await emulator.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsStringAsync());
        Assert.True(error is IOException or HttpRequestException, error.GetType().Name);
    }

    [Fact]
    public async Task ResetFaultAbortsBeforeAnyResponse()
    {
        RegisteredClient client = emulator.State.CreateClient();
        emulator.State.QueueFault(new FaultSpec { Route = "token", Kind = "reset" });

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now)));
        using HttpResponseMessage next = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task RedirectFaultPointsToLocalhostAndCountsAuthorizationSentThere()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient());
        emulator.State.QueueFault(new FaultSpec { Route = "api", Kind = "redirect" });

        using HttpResponseMessage redirect = await emulator.SendAsync(HttpMethod.Get, "rp/api/echo/x?q=1", token);
        Uri location = redirect.Headers.Location!;
        using HttpResponseMessage withoutAuth = await emulator.SendAsync(HttpMethod.Get, location.ToString(), token: null);
        Assert.Equal(0, emulator.State.GetCounters().AuthorizationSentToOtherHost);
        using HttpResponseMessage withAuth = await emulator.SendAsync(HttpMethod.Get, location.ToString(), token);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal($"http://localhost:{emulator.Host.BaseUri.Port}/rp/api/echo/x?q=1", location.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, withoutAuth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withAuth.StatusCode);
        Assert.Equal(1, emulator.State.GetCounters().AuthorizationSentToOtherHost);
    }

    [Fact]
    public async Task RedirectFaultCanUseAnExplicitLocationAndStatus()
    {
        RegisteredClient client = emulator.State.CreateClient();
        emulator.State.QueueFault(new FaultSpec { Route = "token", Kind = "redirect", Status = 302, Location = "https://elsewhere.example/token" });

        using HttpResponseMessage response = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://elsewhere.example/token", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("{\"route\":\"api\",\"kind\":\"explode\"}", "kind must be one of")]
    [InlineData("{\"route\":\"api\",\"kind\":\"status\"}", "a status fault needs status")]
    [InlineData("{\"route\":\"api\",\"kind\":\"delay\"}", "a delay fault needs delayMs")]
    [InlineData("{\"route\":\"rp/api\",\"kind\":\"reset\"}", "route must be")]
    [InlineData("{\"route\":\"api\",\"kind\":\"reset\",\"count\":0}", "count must be at least 1")]
    [InlineData("{\"kind\":\"reset\"}", "malformed JSON")]
    public async Task InvalidFaultIsRefusedByTheControlRoute(string json, string cause)
    {
        using HttpResponseMessage response = await emulator.Http.PostAsync("_emulator/faults", new StringContent(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(cause, await EmulatorFixture.ErrorMessageAsync(response, 1200400));
    }
}
