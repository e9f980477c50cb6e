using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;
using HyprAuth.Emulator;

namespace HyprAuth.Core.Tests.TestSupport;

/// <summary>An emulator of its own for one test, with the engine wired to it through a capturing handler and simulated time.</summary>
internal sealed class TestTenant : IAsyncDisposable
{
    public const string TokenRoute = "POST " + HyprDefaults.TokenEndpointPath;
    public const string EchoRoute = "ANY /rp/api/echo";

    private readonly List<string> secrets = new List<string>();

    private TestTenant(EmulatorHost host)
    {
        Host = host;
        TenantUri = EndpointPolicy.ParseTenantUri(host.BaseUri.AbsoluteUri);
        TokenEndpoint = EndpointPolicy.ResolveTokenEndpoint(TenantUri);
        Http = Wire.CreateClient();
    }

    public EmulatorHost Host { get; }

    public EmulatorState State => Host.State;

    public Uri TenantUri { get; }

    public Uri TokenEndpoint { get; }

    public CapturingHandler Wire { get; } = new CapturingHandler();

    public HttpClient Http { get; }

    public SimulatedClock Clock { get; } = new SimulatedClock();

    public ClockSkewTracker ClockSkew { get; } = new ClockSkewTracker();

    public RecordingEvents Events { get; } = new RecordingEvents();

    public TokenClient TokenClient => new TokenClient(Http, Clock, ClockSkew);

    public ApiClient ApiClient => new ApiClient(Http, Clock);

    /// <summary>Every secret seen so far: client keys created, assertions sent, tokens sent or received.</summary>
    public IEnumerable<string> Secrets => secrets.Concat(Wire.Secrets).ToList();

    public static async Task<TestTenant> StartAsync(EmulatorSettings? settings = null) =>
        new TestTenant(await EmulatorHost.StartAsync(new EmulatorOptions { Settings = settings ?? new EmulatorSettings() }));

    /// <summary>Moves the engine's and the emulator's clocks together, as real time would.</summary>
    public void Advance(TimeSpan delta)
    {
        Clock.Advance(delta);
        State.ShiftClock(delta);
    }

    public TokenCache NewCache() => new TokenCache(TokenClient, Clock);

    public RegisteredClient CreateClient(ClientSpec? spec = null)
    {
        var client = State.CreateClient(spec);
        secrets.Add(client.ClientKey);
        return client;
    }

    public TokenRequest Request(RegisteredClient client, RetryPolicy? retryPolicy = null) =>
        new TokenRequest(TokenEndpoint, client.ClientId, HyprSigningKey.Import(client.ClientKey))
        {
            Transport = new TransportOptions(TimeSpan.FromSeconds(10), retryPolicy),
        };

    /// <summary>Records a token the engine returned, for the leak checks.</summary>
    public T Remember<T>(T result)
        where T : class
    {
        switch (result)
        {
            case TokenResult token:
                secrets.Add(token.AccessToken);
                break;
            case CachedToken cached:
                secrets.Add(cached.Token.AccessToken);
                break;
        }

        return result;
    }

    public long Exchanges(RegisteredClient client) => CountersSnapshot.Get(State.GetCounters().Exchanges, client.ClientId);

    public long ExchangeAttempts(RegisteredClient client) => CountersSnapshot.Get(State.GetCounters().ExchangeAttempts, client.ClientId);

    public long Requests(string routeKey) => CountersSnapshot.Get(State.GetCounters().Requests, routeKey);

    public void Fault(string route, string kind, int count = 1, int? status = null, string? body = null, string? contentType = null,
        string? retryAfter = null, int? delayMs = null, string? location = null) =>
        State.QueueFault(new FaultSpec
        {
            Route = route,
            Kind = kind,
            Count = count,
            Status = status,
            Body = body,
            ContentType = contentType,
            RetryAfter = retryAfter,
            DelayMs = delayMs,
            Location = location,
        });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Wire.Dispose();
        await Host.DisposeAsync().ConfigureAwait(false);
    }
}
