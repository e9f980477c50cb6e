using System;
using System.IO;
using System.Runtime.Versioning;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Audit;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Tests.PersistentCache;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>
/// The audit checkpoint's folder is judged where its files really land (links followed): owned by the current user or
/// root, and not writable by others unless sticky. A review found a linked folder passed on the link's owner, a shared
/// 0777 folder passed, and /tmp (root, sticky) was refused to every user but root.
/// </summary>
public sealed class CheckpointFolderTests
{
    [Theory]
    [InlineData(1000u, 0x1ED, 1000u, null)] // 0755, own folder
    [InlineData(1000u, 0x1C0, 1000u, null)] // 0700
    [InlineData(0u, 0x3FF, 1000u, null)] // 1777 root, as /tmp
    [InlineData(0u, 0x1ED, 1000u, null)] // 0755 root: root can do anything anyway
    [InlineData(1000u, 0x3FF, 1000u, null)] // 1777, own, sticky
    [InlineData(1234u, 0x1ED, 1000u, "belongs to user 1234")] // another user's folder
    [InlineData(1234u, 0x3FF, 1000u, "belongs to user 1234")] // another user's, even sticky
    [InlineData(1000u, 0x1FF, 1000u, "may be written by other users")] // 0777, no sticky
    [InlineData(1000u, 0x1F8, 1000u, "may be written by other users")] // 0770: the group may rename
    [InlineData(0u, 0x1FF, 1000u, "may be written by other users")] // 0777 root, no sticky
    public void A_folder_is_judged_by_its_owner_and_who_may_write_to_it(uint owner, int permissions, uint current, string? problem)
    {
        string? found = CheckpointFile.FolderProblem(owner, permissions, current);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [UnixFact]
    public async Task A_folder_reached_through_a_link_is_judged_where_the_link_leads()
    {
        if (!StoreOwnershipTests.IsRoot())
        {
            return;
        }

        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hyprauth-checkpoint-" + Guid.NewGuid().ToString("N")));
        try
        {
            var foreign = root.CreateSubdirectory("foreign");
            StoreOwnershipTests.Chown(foreign.FullName, StoreOwnershipTests.Nobody);
            var link = Path.Combine(root.FullName, "mine");
            Directory.CreateSymbolicLink(link, foreign.FullName);

            var error = await Assert.ThrowsAsync<HyprCheckpointException>(
                () => CheckpointFile.OpenAsync(Path.Combine(link, "audit.checkpoint.json"), TimeSpan.Zero, () => { }, CancellationToken.None));

            Assert.Equal(CheckpointErrorReason.Inaccessible, error.Reason);
            Assert.Contains("belongs to user 65534", error.Message, StringComparison.Ordinal);
            Assert.Empty(foreign.GetFiles());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_folder_anyone_may_write_to_serves_only_when_sticky()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hyprauth-checkpoint-" + Guid.NewGuid().ToString("N")));
        try
        {
            var checkpoint = Path.Combine(folder.FullName, "audit.checkpoint.json");
            File.SetUnixFileMode(folder.FullName, (UnixFileMode)0x1FF);

            var error = await Assert.ThrowsAsync<HyprCheckpointException>(
                () => CheckpointFile.OpenAsync(checkpoint, TimeSpan.Zero, () => { }, CancellationToken.None));
            Assert.Contains("may be written by other users and has no sticky bit", error.Message, StringComparison.Ordinal);
            Assert.Empty(folder.GetFiles());

            File.SetUnixFileMode(folder.FullName, (UnixFileMode)0x3FF);
            using (var opened = await CheckpointFile.OpenAsync(checkpoint, TimeSpan.Zero, () => { }, CancellationToken.None))
            {
                Assert.Equal(checkpoint, opened.Path);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
