using System;
using System.IO;
using HyprAuth.Core.Cache.Persistent;
using Xunit;

namespace HyprAuth.Core.Tests.PersistentCache;

/// <summary>Where the store lives: the constructor's folder, HYPRAUTH_TOKEN_CACHE_PATH, or the user's local data folder.</summary>
public sealed class TokenStoreLocationTests
{
    [Fact]
    public void The_variable_overrides_the_default_folder_and_is_read_at_each_use()
    {
        using var folder = new StoreFolder();
        var before = Environment.GetEnvironmentVariable(PersistentTokenStore.FolderVariable);
        var store = new PersistentTokenStore();
        try
        {
            Environment.SetEnvironmentVariable(PersistentTokenStore.FolderVariable, null);
            Assert.Equal("HyprAuth", Path.GetFileName(store.Folder));
            Assert.Equal(
                OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                    : Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } dataHome ? dataHome : OperatingSystem.IsMacOS()
                    ? Path.Combine(Environment.GetEnvironmentVariable("HOME")!, "Library", "Application Support")
                    : Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".local", "share"),
                Path.GetDirectoryName(store.Folder));

            Environment.SetEnvironmentVariable(PersistentTokenStore.FolderVariable, folder.Path);
            Assert.Equal(folder.Path, store.Folder);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PersistentTokenStore.FolderVariable, before);
        }
    }

    [Fact]
    public void The_constructor_folder_wins_over_the_variable()
    {
        using var folder = new StoreFolder();

        Assert.Equal(folder.Path, new PersistentTokenStore(folder.Path).Folder);
    }
}
