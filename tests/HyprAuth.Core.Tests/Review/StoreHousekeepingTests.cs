using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Tests.PersistentCache;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>Defect 3: the persistent store touches only the file names it makes, and makes no lock file for a name it did not make.</summary>
public sealed class StoreHousekeepingTests
{
    [Fact]
    public async Task Writes_and_clearing_leave_other_peoples_files_alone_and_lock_nothing_of_theirs()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, tenant.CreateClient()), false, tenant.Events,
            CancellationToken.None));
        var strangers = new[] { "draft.tmp", "notes.token", "readme.txt", "0123456789abcdef0123456789abcdef.bak" }
            .Select(name => Path.Combine(folder.Path, name))
            .ToArray();
        foreach (var path in strangers)
        {
            StoreFolder.WriteOwnerOnly(path, "not HyprAuth's");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        }

        // A second credential's write runs the housekeeping (expired entries, abandoned temporaries).
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, tenant.CreateClient()), false, tenant.Events,
            CancellationToken.None));
        Assert.Equal(2, folder.Store().List(tenant.Events).Count);
        Assert.Equal(2, await folder.Store().ClearAsync(null, tenant.Events, CancellationToken.None));

        Assert.All(strangers, path => Assert.True(File.Exists(path), path + " was deleted"));

        // Only the store's own lock files remain beside them (kept by design: see TokenStorePaths); none for a stranger's name.
        Assert.False(File.Exists(Path.Combine(folder.Path, "notes.lock")));
        var others = Directory.GetFiles(folder.Path).Except(strangers).Select(Path.GetFileName).ToArray();
        Assert.Equal(2, others.Length);
        Assert.All(others, name => Assert.Matches("^[0-9a-f]{32}\\.lock$", name));
    }
}
