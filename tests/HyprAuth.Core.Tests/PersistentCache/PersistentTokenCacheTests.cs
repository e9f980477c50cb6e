using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.PersistentCache;

/// <summary>The token cache with the persistent store: reuse across "processes" (cache instances), memory first, expiry.</summary>
public sealed class PersistentTokenCacheTests
{
    [Fact]
    public async Task Two_processes_one_after_the_other_cause_one_exchange()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();

        var first = tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        var second =
            await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events, CancellationToken.None);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Token.AccessToken, second.Token.AccessToken);
        Assert.Equal(first.Token.ExpiresAt.ToUnixTimeMilliseconds(), second.Token.ExpiresAt.ToUnixTimeMilliseconds());
        Assert.Equal(first.Token.Scopes, second.Token.Scopes);
        Assert.Equal(1, tenant.Exchanges(client));
        Assert.Contains(tenant.Events.VerboseMessages, message =>
            message.StartsWith("The persistent token cache had the token", StringComparison.Ordinal));
        Assert.Empty(tenant.Events.Warnings);
    }

    [Fact]
    public async Task A_token_read_from_disk_is_kept_in_memory_and_memory_hits_never_touch_the_disk()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        var cache = folder.NewCache(tenant);
        var fromDisk = await cache.GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events, CancellationToken.None);

        // Were the disk read again, this garbage would be discarded with a warning and an exchange.
        File.WriteAllText(folder.TokenFile, "garbage");
        var fromMemory = await cache.GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events, CancellationToken.None);

        Assert.True(fromMemory.FromCache);
        Assert.Same(fromDisk.Token, fromMemory.Token);
        Assert.Equal("garbage", File.ReadAllText(folder.TokenFile));
        Assert.Empty(tenant.Events.Warnings);
        Assert.Equal(1, tenant.Exchanges(client));
    }

    [Fact]
    public async Task The_default_scope_writes_nothing_to_disk()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();

        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        var second = await folder.NewCache(tenant).GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None);

        Assert.False(second.FromCache);
        Assert.False(Directory.Exists(folder.Path));
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(30)]
    public async Task A_stored_token_expired_or_without_the_minimum_validity_is_not_handed_out(int secondsLeft)
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        var first = tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        tenant.Advance(first.Token.ExpiresAt - tenant.Clock.GetUtcNow() - TimeSpan.FromSeconds(secondsLeft));

        var second =
            tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        var third = await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None);

        Assert.False(second.FromCache);
        Assert.NotEqual(first.Token.AccessToken, second.Token.AccessToken);
        Assert.True(third.FromCache);
        Assert.Equal(second.Token.AccessToken, third.Token.AccessToken);
        Assert.Equal(2, tenant.Exchanges(client));
    }

    [Fact]
    public async Task A_token_the_api_rejected_is_not_read_back_from_disk()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        var first = tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        var cache = folder.NewCache(tenant);
        var fromDisk = await cache.GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events, CancellationToken.None);

        var renewed =
            tenant.Remember(await cache.RenewRejectedAsync(fromDisk.Handle, first.Token.AccessToken, null, tenant.Events,
            CancellationToken.None));
        var later = await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None);

        Assert.False(renewed.FromCache);
        Assert.NotEqual(first.Token.AccessToken, renewed.Token.AccessToken);
        Assert.Equal(renewed.Token.AccessToken, later.Token.AccessToken);
        Assert.Equal(2, tenant.Exchanges(client));
    }

    [Fact]
    public async Task Force_refresh_exchanges_and_replaces_the_stored_token()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));

        var forced =
            tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), true, tenant.Events,
            CancellationToken.None));
        var later = await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None);

        Assert.False(forced.FromCache);
        Assert.Equal(forced.Token.AccessToken, later.Token.AccessToken);
        Assert.Equal(2, tenant.Exchanges(client));
        Assert.Single(folder.TokenFiles);
    }

    [Fact]
    public async Task A_token_from_a_fixed_assertion_is_never_written()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        string assertion;
        using (var key = HyprSigningKey.Import(client.ClientKey))
        {
            assertion = ClientAssertionFactory.Create(key, new ClientAssertionRequest { ClientId = client.ClientId }, DateTimeOffset.UtcNow).Jwt;
        }

        var request = new TokenRequest(tenant.TokenEndpoint, assertion) { CacheScope = TokenCacheScope.CurrentUser };
        var token = tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(request, false, tenant.Events, CancellationToken.None));

        Assert.False(token.FromCache);
        Assert.False(Directory.Exists(folder.Path));
        Assert.Contains(tenant.Events.VerboseMessages, message => message.Contains("fixed client assertion", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writing_a_token_removes_other_credentials_expired_entries()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var expiring = tenant.CreateClient(new HyprAuth.Emulator.ClientSpec { TokenTtlSeconds = 300 });
        var other = tenant.CreateClient();
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, expiring), false, tenant.Events,
            CancellationToken.None));
        var expiredFile = folder.TokenFile;
        tenant.Advance(TimeSpan.FromMinutes(6));

        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, other), false, tenant.Events,
            CancellationToken.None));

        Assert.NotEqual(expiredFile, folder.TokenFile);
        Assert.Equal(other.ClientId, Assert.Single(folder.Store().List(tenant.Events)).ClientId);
    }

    [Fact]
    public async Task Two_caches_asking_at_once_cause_one_exchange()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        tenant.Fault("token", "delay", delayMs: 300);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var cache = folder.NewCache(tenant);
            var request = StoreFolder.Request(tenant, client);
            await start.Task;
            return await cache.GetTokenAsync(request, false, new RecordingEvents(), CancellationToken.None);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, tenant.ExchangeAttempts(client));
        Assert.Single(results.Select(result => result.Token.AccessToken).Distinct());
        Assert.Equal(3, results.Count(result => result.FromCache));
    }
}
