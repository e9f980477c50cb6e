using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Cache;

/// <summary>Entries: who owns the keys, handles, listing, clearing, fixed assertions and rejected tokens.</summary>
public sealed class TokenCacheEntryTests
{
    [Fact]
    public async Task The_cache_owns_the_keys_it_is_given()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var firstRequest = tenant.Request(client);
        var secondRequest = tenant.Request(client);

        tenant.Remember(await cache.GetTokenAsync(firstRequest, false, tenant.Events, CancellationToken.None));
        await cache.GetTokenAsync(secondRequest, false, tenant.Events, CancellationToken.None);

        // The second key duplicated the entry's own, so it was disposed; the entry's key still signs.
        Assert.Throws<ObjectDisposedException>(() => secondRequest.SigningKey!.Sign(new byte[] { 1 }));
        Assert.NotEmpty(firstRequest.SigningKey!.Sign(new byte[] { 1 }));

        Assert.Equal(1, cache.Clear());
        Assert.Throws<ObjectDisposedException>(() => firstRequest.SigningKey.Sign(new byte[] { 1 }));
    }

    [Fact]
    public async Task A_failed_first_exchange_disposes_the_key_it_was_given()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        tenant.Fault("token", "status", status: 400);
        var request = tenant.Request(client);

        await Assert.ThrowsAsync<HyprProtocolException>(() => cache.GetTokenAsync(request, false, tenant.Events, CancellationToken.None));

        Assert.Throws<ObjectDisposedException>(() => request.SigningKey!.Sign(new byte[] { 1 }));
    }

    [Fact]
    public async Task Plain_http_to_another_host_is_refused_before_any_request_and_the_key_disposed()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var request =
            new TokenRequest(new Uri("http://highlandsbank.hypr.com" + HyprDefaults.TokenEndpointPath), client.ClientId,
            HyprSigningKey.Import(client.ClientKey));

        var error = await Assert.ThrowsAsync<HyprArgumentException>(() =>
            tenant.NewCache().GetTokenAsync(request, false, tenant.Events, CancellationToken.None));

        Assert.Equal("TokenEndpoint", error.ParameterName);
        Assert.Equal(0, tenant.Wire.RequestCount);
        Assert.Throws<ObjectDisposedException>(() => request.SigningKey!.Sign(new byte[] { 1 }));
    }

    [Fact]
    public async Task Handle_renews_without_the_key_until_the_entry_is_cleared()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        tenant.Advance(first.Token.ExpiresAt - tenant.Clock.GetUtcNow() - TimeSpan.FromSeconds(10));

        var renewed = tenant.Remember(await cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None));

        Assert.False(renewed.FromCache);
        Assert.Equal(2, tenant.Exchanges(client));
        Assert.Equal(1, cache.Clear(handle => handle.ClientId == client.ClientId));
        var error = await Assert.ThrowsAsync<HyprTokenUnavailableException>(() =>
            cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None));
        Assert.Equal(TokenUnavailableReason.Cleared, error.Reason);
    }

    [Fact]
    public async Task List_shows_entries_without_secrets()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var request = tenant.Request(client);
        var thumbprint = request.SigningKey!.Thumbprint;
        var cached = tenant.Remember(await cache.GetTokenAsync(request, false, tenant.Events, CancellationToken.None));

        var entry = Assert.Single(cache.List());

        Assert.Equal(client.ClientId, entry.ClientId);
        Assert.Equal(tenant.TokenEndpoint, entry.TokenEndpoint);
        Assert.Equal(new Uri(tenant.TenantUri.GetLeftPart(UriPartial.Authority)), entry.TenantUri);
        Assert.Equal(HyprDefaults.Audience, entry.Audience);
        Assert.Equal(client.Scopes, entry.Scopes);
        Assert.Equal(cached.Token.ExpiresAt, entry.ExpiresAt);
        Assert.Equal(thumbprint, entry.KeyThumbprint);
        Assert.True(entry.CanRenew);
        SecretAssert.NoneIn(tenant.Secrets, entry.ToString(), entry.Handle.ToString(), cached.ToString(), cached.Token.ToString(),
            request.ToString());
    }

    [Fact]
    public async Task Rejected_token_is_renewed_once_for_all_callers()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        var first = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        tenant.Fault("token", "delay", delayMs: 200);

        var renewals = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            cache.RenewRejectedAsync(first.Handle, first.Token.AccessToken, null, tenant.Events, CancellationToken.None)));
        var late = await cache.RenewRejectedAsync(first.Handle, first.Token.AccessToken, null, tenant.Events, CancellationToken.None);

        Assert.Single(renewals.Select(r => r.Token.AccessToken).Append(late.Token.AccessToken).Distinct());
        Assert.NotEqual(first.Token.AccessToken, late.Token.AccessToken);
        Assert.True(late.FromCache);
        Assert.Equal(2, tenant.Exchanges(client));
        tenant.Remember(late);
    }

    [Fact]
    public async Task Fixed_assertion_is_cached_by_the_assertion_itself_and_cannot_renew()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        var cache = tenant.NewCache();
        string assertion;
        using (var key = HyprSigningKey.Import(client.ClientKey))
        {
            assertion = ClientAssertionFactory.Create(key, new ClientAssertionRequest { ClientId = client.ClientId }, DateTimeOffset.UtcNow).Jwt;
        }

        var first = tenant.Remember(await cache.GetTokenAsync(new TokenRequest(tenant.TokenEndpoint, assertion), false, tenant.Events,
            CancellationToken.None));
        var again = await cache.GetTokenAsync(new TokenRequest(tenant.TokenEndpoint, assertion), false, tenant.Events, CancellationToken.None);

        Assert.True(again.FromCache);
        Assert.False(first.Handle.CanRenew);
        Assert.Null(Assert.Single(cache.List()).KeyThumbprint);

        tenant.Advance(first.Token.ExpiresAt - tenant.Clock.GetUtcNow() - TimeSpan.FromSeconds(30));
        var warned = await cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None);
        Assert.Same(first.Token, warned.Token);
        Assert.Contains("cannot be renewed", Assert.Single(tenant.Events.Warnings));

        tenant.Advance(TimeSpan.FromSeconds(31));
        var error = await Assert.ThrowsAsync<HyprTokenUnavailableException>(() =>
            cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None));
        Assert.Equal(TokenUnavailableReason.CannotRenew, error.Reason);
        Assert.Equal(1, tenant.Exchanges(client));
        SecretAssert.NoneIn(tenant.Secrets.Append(assertion), error, tenant.Events);
    }

    [Fact]
    public async Task Short_lived_tokens_are_reused_for_half_their_life()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient(new Emulator.ClientSpec { TokenTtlSeconds = 60 });
        var cache = tenant.NewCache();
        tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));

        tenant.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None)).FromCache);
        tenant.Advance(TimeSpan.FromSeconds(15));
        Assert.False(tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None)).FromCache);
    }

    [Fact]
    public void Shared_is_one_instance_for_the_process()
    {
        Assert.Same(TokenCache.Shared, TokenCache.Shared);
        Assert.Equal(TokenCache.DefaultMinimumValidity, new TokenCache().MinimumValidity);
        Assert.Throws<HyprArgumentException>(() => new TokenCache().MinimumValidity = TimeSpan.FromSeconds(-1));
    }
}
