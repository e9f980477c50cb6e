using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using HyprAuth.Core.Api;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;
using HyprAuth.Emulator;

namespace HyprAuth.Benchmarks;

/// <summary>
/// The engine against the emulator running in this process (loopback HTTP/1.1, the process's shared HttpClient, as the
/// cmdlets use it). The emulator's own work (assertion checks, routing) is inside these figures and shares the CPU.
/// </summary>
[MemoryDiagnoser]
public class TenantBenchmarks
{
    private EmulatorHost host = null!;
    private Uri tokenEndpoint = null!;
    private Uri introspect = null!;
    private TokenRequest cachedRequest = null!;
    private TokenRequest exchangeRequest = null!;
    private readonly TokenClient tokenClient = new TokenClient();
    private readonly ApiClient apiClient = new ApiClient();
    private ITokenProvider tokens = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        host = await EmulatorHost.StartAsync();
        Uri tenant = EndpointPolicy.ParseTenantUri(host.BaseUri.AbsoluteUri);
        tokenEndpoint = EndpointPolicy.ResolveTokenEndpoint(tenant);
        introspect = ApiUri.Build(tenant, "/rp/api/bulk/HYPRDefaultApplication/introspect", null);

        // One client whose token the shared cache holds: the cache-hit and API-call benchmarks.
        RegisteredClient cachedClient = host.State.CreateClient();
        cachedRequest = new TokenRequest(tokenEndpoint, cachedClient.ClientId, HyprSigningKey.Import(cachedClient.ClientKey));
        CachedToken first = await TokenCache.Shared.GetTokenAsync(cachedRequest, false, NullHyprEvents.Instance, CancellationToken.None);
        tokens = new CachedTokenProvider(first.Handle);

        // Another for the exchanges: every iteration mints a token, so lift the active-token limit.
        RegisteredClient exchangeClient = host.State.CreateClient(new ClientSpec { MaxActiveTokens = int.MaxValue });
        exchangeRequest = new TokenRequest(tokenEndpoint, exchangeClient.ClientId, HyprSigningKey.Import(exchangeClient.ClientKey));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        exchangeRequest.SigningKey?.Dispose();
        host.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>What Get-HyprAccessToken does for a credential already cached (the cache owns this very key object).</summary>
    [Benchmark(Description = "cache hit: TokenCache.Shared.GetTokenAsync(request)")]
    public Task<CachedToken> CacheHitByRequest() => TokenCache.Shared.GetTokenAsync(cachedRequest, false, NullHyprEvents.Instance, CancellationToken.None);

    /// <summary>What every Invoke-HyprApi does first: its connection's token, through the cache entry's handle.</summary>
    [Benchmark(Description = "cache hit: CachedTokenProvider.GetAccessTokenAsync (by handle)")]
    public Task<string> CacheHitByHandle() => tokens.GetAccessTokenAsync(NullHyprEvents.Instance, CancellationToken.None);

    /// <summary>Sign an assertion, POST the form, parse the token: one exchange, connection already open.</summary>
    [Benchmark(Description = "full exchange: TokenClient.RequestTokenAsync")]
    public Task<TokenResult> FullExchange() => tokenClient.RequestTokenAsync(exchangeRequest, NullHyprEvents.Instance, CancellationToken.None);

    /// <summary>The engine part of a warm Invoke-HyprApi: cached token, GET introspect, body read (no PowerShell objects).</summary>
    [Benchmark(Description = "API call: ApiClient.SendAsync (introspect)")]
    public Task<ApiResponse> ApiCall() =>
        apiClient.SendAsync(new ApiRequest(HttpMethod.Get, introspect), tokens, NullHyprEvents.Instance, CancellationToken.None);
}
