using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace HyprAuth.Core.Cache.Persistent;

/// <summary>
/// One file per credential, named by a hash of its cache key, with a lock file beside it: one credential's
/// exchange (the lock is held across it) never delays another's. Lock files are never deleted: a process
/// waiting on a deleted lock file would lock a different file than the next one to create it.
/// <para>
/// The folder may hold other files (HYPRAUTH_TOKEN_CACHE_PATH can name any folder): the store lists, reads, locks
/// and deletes only names of its own making, <see cref="IsTokenFile"/> and <see cref="IsTemporaryFile"/>.
/// </para>
/// </summary>
internal sealed class TokenStorePaths(string folder, string id)
{
    public const string TokenExtension = ".token";
    public const string TemporaryExtension = ".tmp";
    private const string LockExtension = ".lock";

    public string Folder { get; } = folder;

    public string Id { get; } = id;

    public string Token { get; } = Path.Combine(folder, id + TokenExtension);

    public string Lock { get; } = Path.Combine(folder, id + LockExtension);

    public static TokenStorePaths For(string folder, string cacheKey)
    {
        using var sha = SHA256.Create();

        // 128 bits of the hash: unique enough for a handful of credentials, short enough to read.
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(cacheKey));
        return new TokenStorePaths(folder, BitConverter.ToString(hash, 0, 16).Replace("-", string.Empty).ToLowerInvariant());
    }

    public static TokenStorePaths OfTokenFile(string tokenPath) =>
        new TokenStorePaths(Path.GetDirectoryName(tokenPath)!, IdOf(tokenPath));

    public static string IdOf(string tokenPath) => Path.GetFileNameWithoutExtension(tokenPath);

    /// <summary>32 lower-case hex digits and .token: a name <see cref="For"/> makes.</summary>
    public static bool IsTokenFile(string path) => IsOwnName(Path.GetFileName(path), TokenExtension, 1);

    /// <summary>32 hex digits, a dot, 32 hex digits and .tmp: a name <see cref="NewTemporary"/> makes.</summary>
    public static bool IsTemporaryFile(string path) => IsOwnName(Path.GetFileName(path), TemporaryExtension, 2);

    private static bool IsOwnName(string name, string extension, int hexParts)
    {
        var parts = name.EndsWith(extension, StringComparison.Ordinal) ? name.Substring(0, name.Length - extension.Length).Split('.') : [];
        return parts.Length == hexParts && parts.All(part => part.Length == 32 && part.All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')));
    }

    /// <summary>A new file name for writing the next version of the token file, renamed over it once complete.</summary>
    public string NewTemporary() => Path.Combine(Folder, Id + "." + Guid.NewGuid().ToString("N") + TemporaryExtension);
}
