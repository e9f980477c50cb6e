using System;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Cache.Persistent;
using HyprAuth.Core.Http;
using HyprAuth.Core.Tests.PersistentCache;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Review
{
    /// <summary>Defect 11: a lock holder that stopped (SIGSTOP, a debugger, a hung disk) must not block every other process for 10 minutes.</summary>
    public sealed class StuckLockHolderTests
    {
        [Theory]
        [InlineData(100, 3)] // the defaults
        [InlineData(-1, 3)] // an infinite timeout
        [InlineData(600, 100)]
        public void No_setting_makes_a_waiter_wait_more_than_60_seconds(int timeoutSeconds, int retries)
        {
            var timeout = timeoutSeconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(timeoutSeconds);

            Assert.Equal(TimeSpan.FromSeconds(60), LockWait.For(timeout, new RetryPolicy(retries)));
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
}
