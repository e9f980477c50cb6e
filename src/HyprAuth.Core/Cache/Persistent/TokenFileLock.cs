using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Errors;
using HyprAuth.Core.IO;

namespace HyprAuth.Core.Cache.Persistent;

/// <summary>
/// A lock across processes: a lock file opened with FileShare.None. Windows refuses a second such handle; .NET on
/// Linux and macOS takes an advisory flock(LOCK_EX) for it, which other .NET processes (and other handles in this
/// one) respect. The operating system drops the lock when its holder exits, even by a crash, so a lock can never
/// outlive its process. (.NET skips the flock when DOTNET_SYSTEM_IO_DISABLEFILELOCKING is set: then this locks nothing.)
/// </summary>
internal static class TokenFileLock
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Holds the lock until disposed; null when another holder kept it beyond <paramref name="timeout"/>.
    /// Waits in real time, whatever clock the cache runs on: the other holder is a real process.
    /// </summary>
    public static async Task<IDisposable?> AcquireAsync(string path, TimeSpan timeout, Action onFirstWait, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var pause = FirstPause;
        var random = new Random(Guid.NewGuid().GetHashCode());
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var held = TryAcquire(path);
            if (held != null || waited.Elapsed >= timeout)
            {
                return held;
            }

            if (pause == FirstPause)
            {
                onFirstWait();
            }

            // Growing, jittered pauses, so that several waiters do not retry in step.
            var jittered = TimeSpan.FromMilliseconds(pause.TotalMilliseconds * (0.5 + random.NextDouble()));
            await Task.Delay(jittered, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <summary>
    /// The lock if it is free now; null when another process (or another cache in this one) holds it. Any other
    /// failure to open the lock file (folder removed, disk full, no access) is an error at once: waiting would not cure it.
    /// </summary>
    public static IDisposable? TryAcquire(string path)
    {
        try
        {
            return OwnerOnlyFile.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        }
        catch (IOException held) when (IsHeldElsewhere(held))
        {
            return null;
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
        {
            throw new HyprTokenStoreException(
                TokenStoreErrorReason.Inaccessible,
                path,
                $"The persistent token cache cannot open its lock file '{path}': {failure.Message} Check that the " +
                    $"folder exists and can be written to, or set {TokenStoreLocation.FolderVariable} to one that can.",
                failure);
        }
    }

    // Windows refuses the second handle with ERROR_SHARING_VIOLATION (32) or ERROR_LOCK_VIOLATION (33), as HRESULTs;
    // elsewhere .NET reports flock's EWOULDBLOCK as the bare errno: 11 on Linux, 35 on macOS and the BSDs. A derived
    // IOException (FileNotFound, DirectoryNotFound, PathTooLong...) is about the path, never about a holder.
    private static bool IsHeldElsewhere(IOException exception) =>
        exception.GetType() == typeof(IOException) && (HostPlatform.IsWindows
            ? exception.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021)
            : exception.HResult == (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? 11 : 35));
}
