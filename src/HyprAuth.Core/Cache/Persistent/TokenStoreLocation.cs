using System;
using System.IO;
using System.Runtime.InteropServices;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Cache.Persistent;

/// <summary>
/// Where the persistent token cache lives: <c>HYPRAUTH_TOKEN_CACHE_PATH</c> when set (tests, or a service account
/// whose profile is elsewhere), else the user's local data folder: <c>%LOCALAPPDATA%\HyprAuth</c> on Windows,
/// <c>~/Library/Application Support/HyprAuth</c> on macOS, <c>$XDG_DATA_HOME/HyprAuth</c> or
/// <c>~/.local/share/HyprAuth</c> elsewhere.
/// </summary>
internal static class TokenStoreLocation
{
    public const string FolderVariable = "HYPRAUTH_TOKEN_CACHE_PATH";

    private const string FolderName = "HyprAuth";

    /// <summary>Read at each use, so setting the variable in a session takes effect at once.</summary>
    public static string Default()
    {
        var overridden = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return Path.GetFullPath(overridden!.Trim());
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), FolderName);
        }

        var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } set
            ? set
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
        {
            throw new HyprTokenStoreException(
                TokenStoreErrorReason.Inaccessible,
                FolderVariable,
                $"The persistent token cache has no folder: HOME is not set. Set {FolderVariable} to a folder only this user can use.");
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return Path.Combine(home, "Library", "Application Support", FolderName);
        }

        // The XDG Base Directory spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(!string.IsNullOrEmpty(dataHome) && Path.IsPathRooted(dataHome) ? dataHome : Path.Combine(home, ".local", "share"),
            FolderName);
    }
}
