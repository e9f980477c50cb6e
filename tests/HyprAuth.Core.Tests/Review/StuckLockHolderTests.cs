using System;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Cache.Persistent;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Tests.PersistentCache;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>Defect 11: a lock holder that stopped (SIGSTOP, a debugger, a hung disk) must not block every other process for 10 minutes.</summary>
public sealed class StuckLockHolderTests
{
    [Fact]
    public void The_lock_wait_is_the_stores_own_and_never_more_than_60_seconds()
    {
        using var folder = new StoreFolder();
        var store = new PersistentTokenStore(folder.Path);

        Assert.Equal(TimeSpan.FromSeconds(60), store.MaximumLockWait);
        Assert.Throws<HyprArgumentException>(() => store.MaximumLockWait = TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task A_waiter_gives_up_on_a_held_lock_warns_and_gets_its_token_without_the_disk()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        var request = StoreFolder.Request(tenant, client);
        var store = new PersistentTokenStore(folder.Path) { MaximumLockWait = TimeSpan.FromMilliseconds(200) };
        StoreFiles.EnsureFolder(folder.Path);

        // Another holder that never lets go.
        using (TokenFileLock.TryAcquire(TokenStorePaths.For(folder.Path, CacheKey.For(request)).Lock))
        {
            var cached =
                tenant.Remember(await new TokenCache(tenant.TokenClient, tenant.Clock, store).GetTokenAsync(request, false, tenant.Events,
                CancellationToken.None));

            Assert.False(cached.FromCache);
        }

        Assert.Equal(1, tenant.Exchanges(client));
        Assert.Contains(tenant.Events.Warnings, w => w.Contains("without the persistent cache", StringComparison.Ordinal));
        Assert.Empty(folder.TokenFiles);
    }
}
