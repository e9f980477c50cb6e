using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.IO;

namespace HyprAuth.Core.Cache.Persistent;

/// <summary>
/// Access tokens on disk for later processes of the same user (opt-in: <see cref="TokenCacheScope.CurrentUser"/>),
/// so that a scheduled task started every few minutes reuses a valid token instead of minting one per run against
/// HYPR's limit on active tokens (1201093). One file per credential, readable only by the user (see
/// <see cref="StoreFiles"/>, <see cref="TokenProtection"/>, <see cref="TokenFileFormat"/>), holding the token and
/// its metadata: never the private key, never an assertion.
/// <para>
/// Reading, exchanging and writing happen under a lock per credential across processes, so processes that start
/// together cause one exchange: the others wait, then read the token the first one wrote. Writes go to a new
/// owner-only file renamed over the old one, so a reader sees a whole file or none. A damaged, truncated, tampered
/// or unknown-version file is discarded with a warning and rebuilt; a token without the minimum validity is never
/// handed out. Only permissions that let others in, or a folder that cannot be made, are errors.
/// </para>
/// </summary>
/// <param name="folder">The folder to use; null for <see cref="FolderVariable"/> or else the user's local data folder, looked up at each
/// use.</param>
public sealed class PersistentTokenStore(string? folder = null)
{
    /// <summary>Environment variable naming the folder to use instead of the user's local data folder.</summary>
    public const string FolderVariable = TokenStoreLocation.FolderVariable;

    /// <summary>
    /// The longest wait for another process's lock, whatever the caller's HTTP settings: an exchange takes seconds,
    /// and a holder may be stopped (SIGSTOP, a debugger, a hung disk) without exiting, so a waiter (a scheduled task)
    /// then goes on without the persistent cache, at the price of perhaps one exchange of its own (HYPR's 1201093).
    /// </summary>
    public static readonly TimeSpan LongestLockWait = TimeSpan.FromSeconds(60);

    /// <summary>A temporary file this old was left by a process that died between writing and renaming it.</summary>
    private static readonly TimeSpan AbandonedTemporaryAge = TimeSpan.FromMinutes(10);

    private readonly string? folder = folder == null ? null : Path.GetFullPath(folder);
    private TimeSpan maximumLockWait = LongestLockWait;

    /// <summary>
    /// The folder in use: the constructor's, else <c>HYPRAUTH_TOKEN_CACHE_PATH</c>, else <c>%LOCALAPPDATA%\HyprAuth</c>
    /// on Windows, <c>~/Library/Application Support/HyprAuth</c> on macOS, <c>$XDG_DATA_HOME/HyprAuth</c> or <c>~/.local/share/HyprAuth</c>
    /// elsewhere.
    /// </summary>
    public string Folder => folder ?? TokenStoreLocation.Default();

    /// <summary>
    /// The longest wait for another process's lock (<see cref="LongestLockWait"/> by default, never more); then the
    /// caller goes on without the persistent cache, with a warning, and may exchange a token of its own.
    /// </summary>
    public TimeSpan MaximumLockWait
    {
        get => maximumLockWait;
        set => maximumLockWait = value >= TimeSpan.Zero && value <= LongestLockWait
            ? value
            : throw new HyprArgumentException("MaximumLockWait", "The lock wait must be between 0 and 60 seconds.");
    }

    /// <summary>
    /// The entries on disk, expired ones included, without any secret. Damaged files are skipped with a warning.
    /// <paramref name="checkPermissions"/> false skips the mode checks, for a caller that is about to delete the
    /// entries (<see cref="ClearAsync"/> does not check them either: deleting a file others could read is the cure).
    /// </summary>
    public IReadOnlyList<PersistentTokenInfo> List(IHyprEvents events, bool checkPermissions = true)
    {
        var root = Folder;
        if (!Directory.Exists(root))
        {
            return Array.Empty<PersistentTokenInfo>();
        }

        if (checkPermissions)
        {
            StoreFiles.CheckFolder(root);
        }

        var list = new List<PersistentTokenInfo>();
        foreach (var path in TokenFiles(root))
        {
            if (checkPermissions)
            {
                StoreFiles.CheckFile(path);
            }

            var entry = ReadFile(path, out var problem);
            if (entry == null)
            {
                events.Warning($"The persistent token cache file '{path}' is not listed: {problem}. It is " +
                    "discarded the next time its credential asks for a token, or by clearing the whole cache.");
                continue;
            }

            list.Add(entry.ToInfo(path));
        }

        return list.OrderBy(info => info.TokenEndpoint.AbsoluteUri, StringComparer.Ordinal).ThenBy(info => info.ClientId,
            StringComparer.Ordinal).ToList();
    }

    /// <summary>The store's token files, damaged ones and those of another format version included.</summary>
    public int FileCount => Directory.Exists(Folder) ? TokenFiles(Folder).Count() : 0;

    /// <summary>
    /// Deletes the entries <paramref name="predicate"/> selects (all, damaged files included, when null), each under
    /// its lock so that no exchange in progress is cut in half; returns how many. The folder's and files' modes are
    /// not checked: deleting a file others could read is the cure, not a risk.
    /// </summary>
    public async Task<int> ClearAsync(Func<PersistentTokenInfo, bool>? predicate, IHyprEvents events, CancellationToken cancellationToken)
    {
        var root = Folder;
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var path in TokenFiles(root))
        {
            if (predicate != null && !(ReadFile(path, out _) is StoredToken entry && predicate(entry.ToInfo(path))))
            {
                continue;
            }

            var wait = MaximumLockWait;
            using var held = await TokenFileLock.AcquireAsync(TokenStorePaths.OfTokenFile(path).Lock, wait,
                () => events.Verbose($"Waiting for another process to finish with '{path}'."), cancellationToken).ConfigureAwait(false);
            if (held == null)
            {
                events.Warning($"'{path}' was not removed: another process held its lock for more than {WholeSeconds.Of(wait)} s.");
            }
            else if (Delete(path, events))
            {
                removed++;
            }
        }

        if (predicate == null)
        {
            RemoveTemporaries(root, TimeSpan.Zero, events);
        }

        return removed;
    }

    /// <summary>
    /// Under the credential's lock: the stored token when <paramref name="isUsable"/> accepts it, else a new one from
    /// <paramref name="exchange"/>, written for the next process. <paramref name="request"/> must have a signing key.
    /// </summary>
    internal async Task<(TokenResult Token, bool FromStore)> GetOrExchangeAsync(
        string cacheKey,
        TokenRequest request,
        Func<TokenResult, bool> isUsable,
        Func<CancellationToken, Task<TokenResult>> exchange,
        TimeProvider clock,
        IHyprEvents events,
        CancellationToken cancellationToken)
    {
        var paths = TokenStorePaths.For(Folder, cacheKey);
        var subject = Subject(request);
        using var held = await LockAsync(paths, subject, "getting the token of " + subject + " without the persistent cache", events,
            cancellationToken).ConfigureAwait(false);
        if (held == null)
        {
            return (await exchange(cancellationToken).ConfigureAwait(false), false);
        }

        var stored = ReadEntry(paths, cacheKey, events);
        if (stored != null && isUsable(stored.Token))
        {
            events.Verbose($"The persistent token cache had the token of {subject} " +
                $"(expires {stored.Token.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z).");
            return (stored.Token, true);
        }

        var token = await exchange(cancellationToken).ConfigureAwait(false);
        Write(paths, new StoredToken(KeyCredential.Of(request), token), clock, events);
        return (token, false);
    }

    /// <summary>
    /// Under the credential's lock: writes <paramref name="token"/>, got before the caller asked for the persistent
    /// cache, so that the next process finds it; a stored token that lasts at least as long is kept instead.
    /// <paramref name="request"/> must have a signing key.
    /// </summary>
    internal async Task SaveAsync(string cacheKey, TokenRequest request, TokenResult token, TimeProvider clock, IHyprEvents events,
        CancellationToken cancellationToken)
    {
        var paths = TokenStorePaths.For(Folder, cacheKey);
        var subject = Subject(request);
        using var held = await LockAsync(paths, subject, "the token of " + subject + " is not saved to the persistent cache", events,
            cancellationToken).ConfigureAwait(false);
        if (held == null)
        {
            return;
        }

        var stored = ReadEntry(paths, cacheKey, events);
        if (stored == null || stored.Token.ExpiresAt < token.ExpiresAt)
        {
            Write(paths, new StoredToken(KeyCredential.Of(request), token), clock, events);
        }
    }

    private static string Subject(TokenRequest request) => request.ClientId + " at " + request.TokenEndpoint.Authority;

    /// <summary>
    /// The credential's lock; or, once <see cref="MaximumLockWait"/> has passed, null and a warning that ends with what
    /// the caller does <paramref name="instead"/>.
    /// </summary>
    private async Task<IDisposable?> LockAsync(TokenStorePaths paths, string subject, string instead, IHyprEvents events,
        CancellationToken cancellationToken)
    {
        StoreFiles.EnsureFolder(paths.Folder);
        var wait = MaximumLockWait;
        var held = await TokenFileLock.AcquireAsync(paths.Lock, wait, () =>
            events.Verbose($"Waiting for another process getting the token of {subject} (lock '{paths.Lock}')."), cancellationToken)
            .ConfigureAwait(false);
        if (held == null)
        {
            events.Warning($"Another process has held the token cache lock '{paths.Lock}' for more than {WholeSeconds.Of(wait)} s; {instead}.");
        }

        return held;
    }

    /// <summary>The credential's entry, or null when there is none or it was damaged (then discarded with a warning).</summary>
    private static StoredToken? ReadEntry(TokenStorePaths paths, string cacheKey, IHyprEvents events)
    {
        if (!File.Exists(paths.Token))
        {
            return null;
        }

        StoreFiles.CheckFile(paths.Token);
        var entry = ReadFile(paths.Token, out var problem);
        if (entry != null && !string.Equals(entry.CacheKey, cacheKey, StringComparison.Ordinal))
        {
            entry = null;
            problem = "it holds the token of another credential";
        }

        if (entry == null)
        {
            events.Warning($"The persistent token cache file '{paths.Token}' is discarded: {problem}. A new token replaces it.");
            Delete(paths.Token, events);
        }

        return entry;
    }

    private static StoredToken? ReadFile(string path, out string problem)
    {
        try
        {
            // Sharing delete and write lets a writer rename over the file while a listing reads it (Windows).
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > TokenFileFormat.MaximumLength)
            {
                problem = $"it is {stream.Length} bytes long, far more than a token";
                return null;
            }

            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return TokenFileFormat.TryParse(buffer.ToArray(), out problem);
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
        {
            problem = "it cannot be read (" + failure.Message.TrimEnd('.') + ")";
            return null;
        }
    }

    /// <summary>Writes the entry for the next process, then removes other credentials' expired entries.</summary>
    private static void Write(TokenStorePaths paths, StoredToken entry, TimeProvider clock, IHyprEvents events)
    {
        WriteFile(paths, entry, events);
        RemoveStale(paths, clock.GetUtcNow(), events);
    }

    private static void WriteFile(TokenStorePaths paths, StoredToken entry, IHyprEvents events)
    {
        var temporary = paths.NewTemporary();
        try
        {
            using (var stream = OwnerOnlyFile.Open(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                var bytes = TokenFileFormat.Serialize(entry);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            // Renamed over the old file (atomic on the same volume): readers see the old file or the new, never half.
            if (File.Exists(paths.Token))
            {
                File.Replace(temporary, paths.Token, null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temporary, paths.Token);
            }

            events.Verbose($"Saved the token of {entry} to the persistent token cache ('{paths.Token}').");
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException || failure is CryptographicException)
        {
            // The token is good; only later processes miss it.
            TryDelete(temporary);
            events.Warning($"The token of {entry} could not be saved to the persistent token " +
                $"cache ({failure.Message.TrimEnd('.')}); the next process will get a new one.");
        }
    }

    /// <summary>
    /// After a write: other credentials' expired entries hold tokens nobody can use, so they go, unless their
    /// lock is taken (their owner is replacing them right now).
    /// </summary>
    private static void RemoveStale(TokenStorePaths written, DateTimeOffset now, IHyprEvents events)
    {
        try
        {
            foreach (var path in TokenFiles(written.Folder).Where(path => !string.Equals(path, written.Token, StringComparison.Ordinal)))
            {
                if (!(ReadFile(path, out _) is StoredToken entry) || entry.Token.ExpiresAt > now)
                {
                    continue;
                }

                using var held = TokenFileLock.TryAcquire(TokenStorePaths.OfTokenFile(path).Lock);
                if (held != null && Delete(path, events))
                {
                    events.Verbose($"Removed the expired token of {entry} from the persistent token cache.");
                }
            }

            RemoveTemporaries(written.Folder, AbandonedTemporaryAge, events);
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException || failure is HyprTokenStoreException)
        {
            // Tidying up must not cost the caller the token it just got.
            events.Verbose($"Removing expired entries from the persistent token cache stopped: {failure.Message}");
        }
    }

    private static void RemoveTemporaries(string root, TimeSpan olderThan, IHyprEvents events)
    {
        foreach (var path in Directory.GetFiles(root, "*" + TokenStorePaths.TemporaryExtension).Where(TokenStorePaths.IsTemporaryFile))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) >= olderThan)
            {
                Delete(path, events);
            }
        }
    }

    /// <summary>The store's own token files; other files in the folder are never read, locked or deleted.</summary>
    private static IEnumerable<string> TokenFiles(string root) =>
        Directory.GetFiles(root, "*" + TokenStorePaths.TokenExtension).Where(TokenStorePaths.IsTokenFile);

    private static bool Delete(string path, IHyprEvents events)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
        {
            events.Warning($"'{path}' could not be deleted: {failure.Message}");
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
        {
            // Left for the next write's clean-up of abandoned temporary files.
        }
    }
}
