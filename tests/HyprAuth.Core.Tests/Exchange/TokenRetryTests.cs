using System;
using System.Globalization;
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

public sealed class TokenRetryTests
{
    [Fact]
    public async Task Status_429_with_Retry_After_1_is_retried_and_succeeds()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 429, retryAfter: "1", body: "{\"errorCode\":1202500,\"errorMessage\":\"Too many requests\"}");

        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(1), tenant.Clock.TotalDelay);
        var said = Assert.Single(tenant.Events.VerboseMessages, m => m.Contains("retry", StringComparison.Ordinal));
        Assert.Equal($"HTTP 429 from {tenant.TokenEndpoint}; retry 1 of 3 in 1.0 s (Retry-After).", said);
        Assert.Contains(tenant.Events.ProgressUpdates, p => p.SecondsRemaining == 1 && !p.Completed);
        Assert.True(tenant.Events.ProgressUpdates.Last().Completed);
        Assert.Equal(1, tenant.Exchanges(client));
    }

    [Fact]
    public async Task Retry_After_as_HTTP_date_is_measured_against_the_servers_Date()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.State.ShiftClock(TimeSpan.FromMinutes(-10));
        var date = tenant.State.Clock.UtcNow.AddSeconds(8).ToString("r", CultureInfo.InvariantCulture);
        tenant.Fault("token", "status", status: 503, retryAfter: date);

        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.InRange(tenant.Clock.TotalDelay.TotalSeconds, 6, 9);
    }

    [Fact]
    public async Task Retry_After_in_the_past_means_no_wait()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 503, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT");

        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(TimeSpan.Zero, tenant.Clock.TotalDelay);
        Assert.Contains(tenant.Events.VerboseMessages, m => m.Contains("retry 1 of 3 in 0.0 s (Retry-After)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unparsable_Retry_After_falls_back_to_backoff()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 429, retryAfter: "soon-ish");

        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.InRange(tenant.Clock.TotalDelay.TotalSeconds, 0.5, 1.0);
        Assert.Contains(tenant.Events.VerboseMessages, m => m.Contains("unparsable Retry-After, backoff", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_After_up_to_the_cap_is_waited_out()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 429, retryAfter: "60");

        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(60), tenant.Clock.TotalDelay);
        Assert.Contains(tenant.Events.VerboseMessages, m => m.Contains("in 60.0 s (Retry-After)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_400_is_not_retried()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 400, body: "{\"error\":\"invalid_request\",\"error_description\":\"nope\"}");

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request", error.OAuthError);
        Assert.Equal("nope", error.ServerMessage);
        Assert.Equal(1, tenant.Requests(TestTenant.TokenRoute));
        Assert.Empty(tenant.Clock.Delays);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Gateway_and_unavailable_statuses_are_retried(int status)
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: status);

        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(2, tenant.Requests(TestTenant.TokenRoute));
    }

    [Theory]
    [InlineData(502, 1)]
    [InlineData(503, 2)]
    public async Task Fixed_assertion_is_resent_only_where_the_server_did_not_process_it(int status, int expectedRequests)
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        using var key = HyprSigningKey.Import(client.ClientKey);
        var assertion = ClientAssertionFactory.Create(key, new ClientAssertionRequest { ClientId = client.ClientId }, DateTimeOffset.UtcNow).Jwt;
        tenant.Fault("token", "status", status: status);

        try
        {
            tenant.Remember(await tenant.TokenClient.RequestTokenAsync(new TokenRequest(tenant.TokenEndpoint, assertion), tenant.Events,
                CancellationToken.None));
        }
        catch (HyprProtocolException error)
        {
            Assert.Equal(status, error.StatusCode);
        }

        Assert.Equal(expectedRequests, tenant.Requests(TestTenant.TokenRoute));
    }

    [Fact]
    public async Task Retries_stop_at_the_maximum_with_the_last_error()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", count: 10, status: 503,
            body: "{\"title\":\"Service Unavailable\",\"detail\":\"maintenance\",\"status\":503}", contentType: "application/problem+json");

        var error = await Assert.ThrowsAsync<HyprProtocolException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client, new RetryPolicy(maximumRetryCount: 2)), tenant.Events,
                CancellationToken.None));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal("maintenance", error.ServerMessage);
        Assert.Equal(3, tenant.Requests(TestTenant.TokenRoute));
    }

    [Theory]
    [InlineData("close")]
    [InlineData("reset")]
    public async Task Broken_connection_is_retried(string kind)
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", kind);

        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(2, tenant.Requests(TestTenant.TokenRoute));
        Assert.Contains(tenant.Events.VerboseMessages, m => m.Contains("retry 1 of 3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("close")]
    [InlineData("reset")]
    public async Task Broken_connection_without_retries_is_a_transport_error(string kind)
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", kind);

        var error = await Assert.ThrowsAsync<HyprTransportException>(() =>
            tenant.TokenClient.RequestTokenAsync(tenant.Request(client, RetryPolicy.None), tenant.Events, CancellationToken.None));

        Assert.Equal(tenant.TokenEndpoint, error.Endpoint);
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
    }

    [Fact]
    public async Task Connection_refused_is_a_transport_error()
    {
        var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var request = tenant.Request(client, RetryPolicy.None);
        var tokenClient = tenant.TokenClient;
        await tenant.Host.DisposeAsync();

        var error = await Assert.ThrowsAsync<HyprTransportException>(() =>
            tokenClient.RequestTokenAsync(request, tenant.Events, CancellationToken.None));

        Assert.Contains(tenant.TokenEndpoint.Authority, error.Message);
        tenant.Http.Dispose();
    }

    [Fact]
    public async Task Timeout_ends_within_the_timeout_plus_a_second()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "delay", delayMs: 10_000);
        var request = tenant.Request(client);
        request.Transport = new TransportOptions(TimeSpan.FromMilliseconds(700));
        var started = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<HyprTimeoutException>(() =>
            tenant.TokenClient.RequestTokenAsync(request, tenant.Events, CancellationToken.None));

        Assert.InRange((DateTimeOffset.UtcNow - started).TotalSeconds, 0.6, 1.7);
        Assert.Equal(request.Transport.Timeout, error.Timeout);
        Assert.Equal(tenant.TokenEndpoint, error.Endpoint);
    }

    [Fact]
    public async Task Cancellation_ends_a_retry_wait_at_once()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 429, retryAfter: "30");
        var realTime = new TokenClient(tenant.Http, TimeProvider.System, tenant.ClockSkew);
        using var cancellation = new CancellationTokenSource();
        var waitStarted = DateTimeOffset.MaxValue;

        // Cancel as soon as the 30 s wait has begun, however slow the machine was to get there.
        tenant.Events.OnProgress = update =>
        {
            if (!update.Completed && waitStarted == DateTimeOffset.MaxValue)
            {
                waitStarted = DateTimeOffset.UtcNow;
                cancellation.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            realTime.RequestTokenAsync(tenant.Request(client), tenant.Events, cancellation.Token));

        Assert.True(DateTimeOffset.UtcNow - waitStarted < TimeSpan.FromSeconds(2));
        Assert.True(tenant.Events.ProgressUpdates.Last().Completed);
    }
}
