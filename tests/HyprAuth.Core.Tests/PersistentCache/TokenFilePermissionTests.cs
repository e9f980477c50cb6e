using System;
using System.IO;
using System.Runtime.Versioning;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Cache.Persistent;
using HyprAuth.Core.Errors;
using HyprAuth.Core.IO;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.PersistentCache;

/// <summary>On Linux and macOS the file mode is the protection: owner-only from creation, and anything broader refused.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class TokenFilePermissionTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    [UnixFact]
    public async Task The_folder_is_created_0700_and_every_file_0600()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();

        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));

        Assert.Equal(OwnerAll, File.GetUnixFileMode(folder.Path));
        Assert.All(Directory.GetFiles(folder.Path), path => Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path)));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length); // the token and its lock: no temporary file left
    }

    [UnixFact]
    public void A_new_file_is_owner_only_before_its_first_byte()
    {
        using var folder = new StoreFolder();
        Directory.CreateDirectory(folder.Path);
        var path = Path.Combine(folder.Path, "new.tmp");

        using (OwnerOnlyFile.Open(path, FileMode.CreateNew, FileAccess.Write))
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
            Assert.Equal(0, new FileInfo(path).Length);
        }
    }

    [UnixFact]
    public async Task A_0644_file_is_refused_with_the_fix()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        var path = folder.TokenFile;
        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = await Assert.ThrowsAsync<HyprTokenStoreException>(() =>
            folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events, CancellationToken.None));

        Assert.Equal(TokenStoreErrorReason.FilePermissionsTooBroad, error.Reason);
        Assert.Equal(path, error.Path);
        Assert.Contains("mode 0644", error.Message);
        Assert.Contains($"chmod 600 '{path}'", error.Message);
        Assert.Equal(1, tenant.Exchanges(client));
        SecretAssert.NoneIn(tenant.Secrets, error, tenant.Events);
        Assert.Equal(TokenStoreErrorReason.FilePermissionsTooBroad,
            Assert.Throws<HyprTokenStoreException>(() => folder.Store().List(tenant.Events)).Reason);

        File.SetUnixFileMode(path, OwnerReadWrite);
        Assert.True((await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None)).FromCache);
    }

    [UnixFact]
    public async Task A_0755_folder_is_refused_with_the_fix()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        Directory.CreateDirectory(folder.Path);
        File.SetUnixFileMode(folder.Path,
            OwnerAll | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var error = await Assert.ThrowsAsync<HyprTokenStoreException>(() =>
            folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events, CancellationToken.None));

        Assert.Equal(TokenStoreErrorReason.FolderPermissionsTooBroad, error.Reason);
        Assert.Equal(folder.Path, error.Path);
        Assert.Contains("mode 0755", error.Message);
        Assert.Contains($"chmod 700 '{folder.Path}'", error.Message);
        Assert.Equal(0, tenant.ExchangeAttempts(client));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
