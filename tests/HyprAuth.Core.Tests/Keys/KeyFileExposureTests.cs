using System;
using System.IO;
using System.Runtime.Versioning;
using HyprAuth.Core.Keys;
using Xunit;

namespace HyprAuth.Core.Tests.Keys;

/// <summary>The ssh-like check of key file permissions (Linux and macOS here; the Windows ACL check is a Pester test tagged Windows).</summary>
public sealed class KeyFileExposureTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hyprauth-exposure-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.GroupRead, "0440")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite, "0602")]
    public void Warns_when_group_or_others_have_any_permission(UnixFileMode mode, string shown)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Write("open.key", mode);
        var warning = KeyFileExposure.Check(path);
        Assert.NotNull(warning);
        Assert.Contains($"'{path}'", warning);
        Assert.Contains($"mode {shown}", warning);
        Assert.Contains($"chmod 600 '{path}'", warning);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite)]
    [InlineData(UnixFileMode.UserRead)]
    public void Says_nothing_when_only_the_owner_has_access(UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Null(KeyFileExposure.Check(Write("closed.key", mode)));
    }

    [Fact]
    public void Says_nothing_of_a_missing_file_reading_the_key_reports_it()
    {
        Assert.Null(KeyFileExposure.Check(Path.Combine(folder, "no-such.key")));
    }

    [UnsupportedOSPlatform("windows")]
    private string Write(string name, UnixFileMode mode)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "not a key; only the mode matters");
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
