using System;
using System.Runtime.InteropServices;
using System.Text;

namespace HyprAuth.Core.IO;

/// <summary>
/// Who owns a path and whether it is a link (lstat), or what it leads to (stat). .NET has no managed API for
/// a file's owner, and libc's struct stat differs by platform and architecture, and older glibc does not even export
/// it, so this calls the runtime's own System.Native shim, whose FileStatus begins the same way everywhere (Flags, Mode,
/// Uid, Gid as 32-bit fields): the shim .NET itself uses for File.GetUnixFileMode. Linux and macOS only.
/// </summary>
internal static class UnixFileOwner
{
    private const string SystemNative = "libSystem.Native";
    private const int FileTypeMask = 0xF000; // S_IFMT
    private const int SymbolicLinkType = 0xA000; // S_IFLNK
    private const int PermissionMask = 0xFFF; // the permission, setuid/setgid and sticky bits

    /// <summary>The path's owner and whether it is a symbolic link; null when nothing is there.</summary>
    public static (uint Owner, bool IsLink)? Inspect(string path) =>
        Read(path, followLinks: false) is (int mode, uint owner) ? (owner, (mode & FileTypeMask) == SymbolicLinkType) : null;

    /// <summary>
    /// The owner and permission bits of what the path names, following links (stat): for a folder, the one files
    /// really land in. Null when nothing is there.
    /// </summary>
    public static (uint Owner, int Permissions)? InspectTarget(string path) =>
        Read(path, followLinks: true) is (int mode, uint owner) ? (owner, mode & PermissionMask) : null;

    public static uint CurrentUser => GetEUid();

    private static (int Mode, uint Owner)? Read(string path, bool followLinks)
    {
        // Larger than any FileStatus so far: only its first 16 bytes are read.
        var status = new byte[512];
        var utf8 = Encoding.UTF8.GetBytes(path + "\0");
        int result = followLinks ? Stat(utf8, status) : LStat(utf8, status);
        return result != 0 ? null : (BitConverter.ToInt32(status, 4), BitConverter.ToUInt32(status, 8));
    }

    [DllImport(SystemNative, EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat(byte[] path, byte[] status);

    [DllImport(SystemNative, EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat(byte[] path, byte[] status);

    [DllImport(SystemNative, EntryPoint = "SystemNative_GetEUid")]
    private static extern uint GetEUid();
}
