using System;
using System.IO;
using System.Text;

namespace HyprAuth.Core.IO;

/// <summary>
/// Writes text (an assertion for -OutFile, an audit checkpoint) to a file that only its owner can read, from its
/// first byte, and whole: a reader sees the old file or the new one, never half of one, and never no file.
/// The netstandard2.0 build serves Windows PowerShell 5.1 only, on Windows, so only the net8.0 build has the Unix
/// branches.
/// </summary>
public static class OwnerOnlyFile
{
    private const int OwnerReadWrite = 0x180; // 0600

    /// <summary>
    /// Opens a file exclusively (FileShare.None: also the cross-process lock), creating it owner-only from its first
    /// instant on Linux and macOS. On Windows a new file inherits its folder's ACL (see <see cref="WindowsOwnerOnlyFile"/>).
    /// </summary>
    internal static FileStream Open(string path, FileMode fileMode, FileAccess access)
    {
#if NET8_0_OR_GREATER
        if (!HostPlatform.IsWindows)
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = fileMode,
                Access = access,
                Share = FileShare.None,
                UnixCreateMode = (UnixFileMode)OwnerReadWrite,
            });
        }
#else
        RefuseUnixOnThisBuild();
#endif
        return new FileStream(path, fileMode, access, FileShare.None);
    }

    /// <summary>The permission bits (e.g. 0x1A4 for 0644), following symbolic links; null when nothing is there or on Windows.</summary>
    internal static int? UnixMode(FileSystemInfo item)
    {
#if NET8_0_OR_GREATER
        // The property reads -1 for a missing path rather than throwing.
        int mode = HostPlatform.IsWindows ? -1 : (int)item.UnixFileMode;
        return mode < 0 ? null : mode & 0xFFF;
#else
        RefuseUnixOnThisBuild();
        return null;
#endif
    }

#if !NET8_0_OR_GREATER
    // Fails closed: off Windows this build could neither create 0600 files nor check modes (PowerShell 7 loads net8.0).
    private static void RefuseUnixOnThisBuild()
    {
        if (!HostPlatform.IsWindows)
        {
            throw new PlatformNotSupportedException("Owner-only files on Linux and macOS need HyprAuth's net8.0 build.");
        }
    }
#endif

    public static void WriteAllText(string path, string text)
    {
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);

        // A new owner-only file (0600; on Windows a protected DACL for the owner only, not the folder's ACL) renamed
        // over the target: no moment at which it is readable by others, and an existing file's broader access is
        // not inherited. A rename replaces a link rather than writing through it.
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (FileStream stream = HostPlatform.IsWindows ? WindowsOwnerOnlyFile.CreateNew(temp)
                : Open(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true); // on disk before the rename, so a crash leaves the old file or the whole new one
            }

            if (HostPlatform.IsWindows)
            {
                WindowsOwnerOnlyFile.MoveOver(temp, full);
            }
            else if (File.Exists(full))
            {
                File.Replace(temp, full, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temp, full);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
