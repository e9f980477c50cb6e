using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Tests.PersistentCache;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>
/// Defect 7: modes are not enough; the store's folder and files must belong to the current user and be no symbolic
/// links. Handing a file to another user takes root (chown), so these run as root, as CI containers do, and return
/// at once otherwise.
/// </summary>
public sealed class StoreOwnershipTests
{
    internal const int Nobody = 65534;

    [UnixFact]
    public async Task A_token_file_owned_by_another_user_is_refused()
    {
        if (!IsRoot())
        {
            return;
        }

        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        Chown(folder.TokenFile, Nobody);

        var error = await Assert.ThrowsAsync<HyprTokenStoreException>(() =>
            folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events, CancellationToken.None));

        Assert.Equal(TokenStoreErrorReason.NotOwned, error.Reason);
        Assert.Contains("belongs to user 65534", error.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task A_folder_owned_by_another_user_is_refused()
    {
        if (!IsRoot())
        {
            return;
        }

        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        Chown(folder.Path, Nobody);

        var error = await Assert.ThrowsAsync<HyprTokenStoreException>(() =>
            folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events, CancellationToken.None));

        Assert.Equal(TokenStoreErrorReason.NotOwned, error.Reason);
    }

    [UnixFact]
    public async Task A_token_file_that_is_a_symbolic_link_is_not_followed()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        var tokenFile = folder.TokenFile;
        var elsewhere = Path.Combine(Path.GetDirectoryName(folder.Path)!, "elsewhere.token");
        File.Move(tokenFile, elsewhere);
        File.CreateSymbolicLink(tokenFile, elsewhere);

        var error = Assert.Throws<HyprTokenStoreException>(() => folder.Store().List(tenant.Events));

        Assert.Equal(TokenStoreErrorReason.SymbolicLink, error.Reason);
    }

    [UnixFact]
    public async Task An_audit_checkpoint_owned_by_another_user_is_refused()
    {
        if (!IsRoot())
        {
            return;
        }

        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hyprauth-checkpoint-" + Guid.NewGuid().ToString("N")));
        try
        {
            var checkpoint = Path.Combine(folder.FullName, "audit.checkpoint.json");
            File.WriteAllText(checkpoint, "planted");
            Chown(checkpoint, Nobody);

            var error = await Assert.ThrowsAsync<HyprCheckpointException>(
                () => HyprAuth.Core.Audit.CheckpointFile.OpenAsync(checkpoint, TimeSpan.Zero, () => { }, CancellationToken.None));

            Assert.Equal(CheckpointErrorReason.Inaccessible, error.Reason);
            Assert.Contains("belongs to user 65534", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [UnixFact]
    public async Task An_audit_checkpoint_in_a_folder_owned_by_another_user_is_refused()
    {
        if (!IsRoot())
        {
            return;
        }

        // The folder's owner can rename any file in it, so it could swap in a checkpoint that runs ahead.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hyprauth-checkpoint-" + Guid.NewGuid().ToString("N")));
        try
        {
            Chown(folder.FullName, Nobody);

            var error = await Assert.ThrowsAsync<HyprCheckpointException>(
                () => HyprAuth.Core.Audit.CheckpointFile.OpenAsync(
                    Path.Combine(folder.FullName, "audit.checkpoint.json"), TimeSpan.Zero, () => { }, CancellationToken.None));

            Assert.Equal(CheckpointErrorReason.Inaccessible, error.Reason);
            Assert.Contains("belongs to user 65534", error.Message, StringComparison.Ordinal);
            Assert.Empty(folder.GetFiles());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    internal static bool IsRoot() => Environment.UserName == "root";

    internal static void Chown(string path, int uid)
    {
        using var chown =
            System.Diagnostics.Process.Start("chown", new[] { uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path });
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }
}
