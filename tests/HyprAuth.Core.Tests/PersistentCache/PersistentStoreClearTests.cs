using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.PersistentCache;

/// <summary>What Get-HyprTokenCache and Clear-HyprTokenCache do with the persistent store.</summary>
public sealed class PersistentStoreClearTests
{
    [Fact]
    public async Task Clearing_everything_removes_every_entry_and_the_next_process_exchanges()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var first = tenant.CreateClient();
        var second = tenant.CreateClient();
        foreach (var client in new[] { first, second })
        {
            tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
                CancellationToken.None));
        }

        StoreFolder.WriteOwnerOnly(Path.Combine(folder.Path, "0123456789abcdef0123456789abcdef.token"), "damaged");

        Assert.Equal(3, await folder.Store().ClearAsync(null, tenant.Events, CancellationToken.None));

        Assert.Empty(folder.TokenFiles);
        Assert.Empty(folder.Store().List(tenant.Events));
        Assert.False((await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, first), false, tenant.Events,
            CancellationToken.None)).FromCache);
        Assert.Equal(2, tenant.Exchanges(first));
    }

    [Fact]
    public async Task Clearing_with_a_predicate_removes_only_the_entries_it_selects()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var removed = tenant.CreateClient();
        var kept = tenant.CreateClient();
        foreach (var client in new[] { removed, kept })
        {
            tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
                CancellationToken.None));
        }

        var listed = folder.Store().List(tenant.Events).Single(entry => entry.ClientId == removed.ClientId);
        Assert.Equal(1, await folder.Store().ClearAsync(entry => entry.Id == listed.Id, tenant.Events, CancellationToken.None));

        Assert.Equal(kept.ClientId, Assert.Single(folder.Store().List(tenant.Events)).ClientId);
        Assert.True((await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, kept), false, tenant.Events,
            CancellationToken.None)).FromCache);
        Assert.False((await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, removed), false, tenant.Events,
            CancellationToken.None)).FromCache);
    }

    [Fact]
    public async Task Listing_skips_a_damaged_file_with_a_warning()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        var damaged = Path.Combine(folder.Path, "0123456789abcdef0123456789abcdef.token");
        StoreFolder.WriteOwnerOnly(damaged, "{\"format\":\"HyprAuth token cache\"");
        var events = new RecordingEvents();

        Assert.Equal(client.ClientId, Assert.Single(folder.Store().List(events)).ClientId);

        Assert.Contains(damaged, Assert.Single(events.Warnings));
    }

    [Fact]
    public async Task A_store_whose_folder_does_not_exist_lists_and_clears_nothing()
    {
        using var folder = new StoreFolder();

        Assert.Empty(folder.Store().List(new RecordingEvents()));
        Assert.Equal(0, await folder.Store().ClearAsync(null, new RecordingEvents(), CancellationToken.None));
        Assert.False(Directory.Exists(folder.Path));
    }
}
