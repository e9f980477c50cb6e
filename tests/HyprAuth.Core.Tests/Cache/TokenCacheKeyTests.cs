using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Tests.TestSupport;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Core.Tests.Cache;

/// <summary>What a request shares with an earlier one: the token only for the same assertion claims; transport is per caller.</summary>
public sealed class TokenCacheKeyTests
{
    [Fact]
    public async Task Requests_differing_in_grant_type_key_id_or_issuer_are_not_served_each_others_token()
    {
        await using var tenant =
            await TestTenant.StartAsync(new EmulatorSettings { AcceptedGrantTypes = ["authorization_code", "client_credentials"] });
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        var thumbprint = Assert.Single(cache.List()).KeyThumbprint!;

        var otherGrant = tenant.Request(client);
        otherGrant.GrantType = "client_credentials";
        var otherKid = tenant.Request(client);
        otherKid.KeyId = "another-kid";
        var sameKid = tenant.Request(client);
        sameKid.KeyId = thumbprint;
        var otherIssuer = tenant.Request(client);
        otherIssuer.Issuer = "https://issuer.example";

        Assert.False(tenant.Remember(await cache.GetTokenAsync(otherGrant, false, tenant.Events, CancellationToken.None)).FromCache);
        Assert.False(tenant.Remember(await cache.GetTokenAsync(otherKid, false, tenant.Events, CancellationToken.None)).FromCache);
        Assert.True((await cache.GetTokenAsync(sameKid, false, tenant.Events, CancellationToken.None)).FromCache);

        // The emulator refuses any issuer but HYPR's: proof the request reached it rather than the cached token.
        await Assert.ThrowsAsync<HyprProtocolException>(() => cache.GetTokenAsync(otherIssuer, false, tenant.Events, CancellationToken.None));
        Assert.Equal(3, tenant.Exchanges(client));
    }

    [Fact]
    public async Task A_renewal_through_a_handle_is_sent_with_the_callers_transport()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        tenant.Advance(first.Token.ExpiresAt - tenant.Clock.GetUtcNow());

        // The entry's own settings (10 s, retries) would wait this delay out and succeed.
        tenant.Fault("token", "delay", delayMs: 3000);
        var impatient = new CachedTokenProvider(first.Handle, new TransportOptions(TimeSpan.FromMilliseconds(200), RetryPolicy.None));
        var error = await Assert.ThrowsAsync<HyprTimeoutException>(() => impatient.GetAccessTokenAsync(tenant.Events, CancellationToken.None));

        Assert.Equal(TimeSpan.FromMilliseconds(200), error.Timeout);
    }

    [Fact]
    public void Transport_settings_are_checked()
    {
        Assert.Throws<HyprArgumentException>(() => new TransportOptions(TimeSpan.Zero));

        // Beyond what CancelAfter takes (int.MaxValue ms): refused here, not an ArgumentOutOfRangeException mid-request.
        Assert.Throws<HyprArgumentException>(() => new TransportOptions(TimeSpan.FromDays(30)));
        Assert.Throws<HyprArgumentException>(
            () => new ApiRequest(HttpMethod.Get, new Uri("https://tenant.example/rp/api/echo")) { Transport = null! });
        Assert.Throws<HyprArgumentException>(
            () => new TokenRequest(new Uri("https://tenant.example/token"), "a.b.c") { Transport = null! });
        Assert.Throws<HyprArgumentException>(() => new RetryPolicy(RetryPolicy.MaximumRetries + 1));
        var transport = new TransportOptions(Timeout.InfiniteTimeSpan);
        Assert.Same(RetryPolicy.Default, transport.RetryPolicy);
        Assert.Same(ProxySettings.System, transport.Proxy);
    }
}
