using System;
using System.IO;
using System.Runtime.InteropServices;
using HyprAuth.Core.IO;

namespace HyprAuth.Core.Keys;

/// <summary>
/// Whether other users can read a key file, checked as ssh checks private keys: on Linux and macOS the group and
/// other permission bits, on Windows an ACL that lets Everyone, Users or Authenticated Users read it. The answer is
/// advice (a warning), not a refusal: the key still works, and a check that cannot be made says nothing.
/// </summary>
public static class KeyFileExposure
{
    private const int GroupAndOtherBits = 0x3F; // 0077

    /// <summary>A warning that names the file and the fix, or null when only its owner can read it (or it cannot be told).</summary>
    public static string? Check(string path)
    {
        try
        {
            return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? CheckAcl(path) : CheckMode(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Reading the key reports a missing or unreadable file; this check has nothing to add. A missing ACL API throws
            // PlatformNotSupportedException, a NotSupportedException.
            return null;
        }
    }

    private static string? CheckMode(string path)
    {
        int? mode = OwnerOnlyFile.UnixMode(new FileInfo(path));
        if (mode is null || (mode.Value & GroupAndOtherBits) == 0)
        {
            return null;
        }

        string octal = Convert.ToString(mode.Value & 0x1FF, 8).PadLeft(4, '0');
        return $"The key file '{path}' can be read by other users (mode {octal}); run: chmod " +
            $"600 '{path}'. ssh refuses private keys like this; the key is used all the same.";
    }

    private static string? CheckAcl(string path)
    {
        string[] readers = WindowsFileAcl.BroadReaders(path);
        return readers.Length == 0
            ? null
            : $"The key file '{path}' can be read by {string.Join(", ", readers)}; remove them from its ACL so that only the account that " +
                $"runs the script can read it, e.g.: icacls \"{path}\" /inheritance:r /grant:r \"%USERNAME%:R\". The key is used all the same.";
    }
}
