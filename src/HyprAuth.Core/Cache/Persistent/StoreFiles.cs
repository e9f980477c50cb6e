using System;
using System.IO;
using HyprAuth.Core.Errors;
using HyprAuth.Core.IO;

namespace HyprAuth.Core.Cache.Persistent;

/// <summary>
/// Creates and checks the store's folder and files. On Linux and macOS the file mode is the protection: the folder
/// is 0700, every file 0600 from the instant it exists, and anything broader is refused because someone else may
/// have read or planted its token. On Windows the folder sits in the user's profile, whose ACL already excludes
/// other users, and DPAPI protects the content, so modes are not checked there. On Linux and macOS the folder and
/// files must also belong to the current user and be no symbolic links. The netstandard2.0 build serves Windows
/// PowerShell 5.1 only, on Windows, so only the net8.0 build has the Unix branches.
/// </summary>
internal static class StoreFiles
{
    private const int OwnerOnlyFolder = 0x1C0; // 0700
    private const int GroupAndOthers = 0x3F; // 0077

    /// <summary>Creates the folder (0700) when missing, and refuses one that lets group or others in.</summary>
    public static void EnsureFolder(string folder)
    {
        try
        {
            if (!Directory.Exists(folder))
            {
                var parent = Path.GetDirectoryName(folder);
                if (!string.IsNullOrEmpty(parent))
                {
                    Directory.CreateDirectory(parent);
                }

                if (HostPlatform.IsWindows)
                {
                    Directory.CreateDirectory(folder);
                }
#if NET8_0_OR_GREATER
                else
                {
                    Directory.CreateDirectory(folder, (UnixFileMode)OwnerOnlyFolder);
                }
#endif
            }
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
        {
            throw new HyprTokenStoreException(
                TokenStoreErrorReason.Inaccessible,
                folder,
                $"The persistent token cache folder '{folder}' cannot be created: {failure.Message} " +
                    $"Set {TokenStoreLocation.FolderVariable} to a folder you can write to.",
                failure);
        }

        CheckFolder(folder);
    }

    public static void CheckFolder(string folder) =>
        Check(new DirectoryInfo(folder), TokenStoreErrorReason.FolderPermissionsTooBroad, "folder", "700");

    /// <summary>Refuses a file that lets group or others in; a missing file passes.</summary>
    public static void CheckFile(string path) =>
        Check(new FileInfo(path), TokenStoreErrorReason.FilePermissionsTooBroad, "file", "600");

    /// <summary>
    /// The folder and its files must be the current user's own, and no symbolic links: another user could plant a
    /// token in a 0700 folder or 0600 file of theirs, and a link may lead anywhere. Nothing there passes (it is made next).
    /// </summary>
    private static void CheckOwnership(string path, string what)
    {
        if (UnixFileOwner.Inspect(path) is not (uint owner, bool isLink))
        {
            return;
        }

        if (isLink)
        {
            throw new HyprTokenStoreException(
                TokenStoreErrorReason.SymbolicLink,
                path,
                $"The persistent token cache {what} '{path}' is a symbolic link, so it is not used: links are " +
                    $"never followed. Remove the link, or set {TokenStoreLocation.FolderVariable} to a real folder.");
        }

        var currentUser = UnixFileOwner.CurrentUser;
        if (owner != currentUser)
        {
            throw new HyprTokenStoreException(
                TokenStoreErrorReason.NotOwned,
                path,
                $"The persistent token cache {what} '{path}' belongs to user {owner}, not to the current user ({currentUser}), so it is " +
                    "not used: its owner could have planted a token in it. Remove it, or set " +
                    $"{TokenStoreLocation.FolderVariable} to a folder of your own.");
        }
    }

    private static void Check(FileSystemInfo item, TokenStoreErrorReason reason, string what, string fix)
    {
        if (HostPlatform.IsWindows)
        {
            return;
        }

        CheckOwnership(item.FullName, what);
        var mode = OwnerOnlyFile.UnixMode(item);
        if (mode is int found && (found & GroupAndOthers) != 0)
        {
            throw new HyprTokenStoreException(
                reason,
                item.FullName,
                $"The persistent token cache {what} '{item.FullName}' has mode {Convert.ToString(found, 8).PadLeft(4, '0')}, which lets group " +
                    "or others in, so it is not used: someone else may have read a token in it or planted one. Only its owner may have " +
                    $"access (0{fix}); fix it with: chmod {fix} '{item.FullName}'");
        }
    }
}
