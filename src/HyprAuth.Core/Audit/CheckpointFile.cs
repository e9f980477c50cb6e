using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Cache.Persistent;
using HyprAuth.Core.Errors;
using HyprAuth.Core.IO;

namespace HyprAuth.Core.Audit;

/// <summary>
/// The audit export's checkpoint: per tenant and application, an <see cref="AuditCursor"/>. Held under a lock
/// across processes for a whole run (a second run waits a bounded time, then fails clearly), written atomically
/// and owner-only, never through a link. A file that does not parse is an error, never a silent new start.
/// </summary>
public sealed class CheckpointFile : IDisposable
{
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly Dictionary<string, Dictionary<string, AuditCursor>> tenants;
    private readonly IDisposable heldLock;

    private CheckpointFile(string path, IDisposable heldLock, Dictionary<string, Dictionary<string, AuditCursor>> tenants)
    {
        Path = path;
        this.heldLock = heldLock;
        this.tenants = tenants;
    }

    public string Path { get; }

    /// <summary>
    /// Takes the lock (waiting at most <paramref name="wait"/>), reads the file and writes it back; a missing file is an empty checkpoint.
    /// </summary>
    public static async Task<CheckpointFile> OpenAsync(string path, TimeSpan wait, Action onWait, CancellationToken cancellationToken)
    {
        string full = System.IO.Path.GetFullPath(path);
        string lockPath = full + ".lock";
        string folder = System.IO.Path.GetDirectoryName(full)!;
        RefuseLink(full);
        RefuseLink(lockPath);
        if (Directory.Exists(full))
        {
            throw new HyprCheckpointException(CheckpointErrorReason.Inaccessible, full,
                $"The checkpoint '{full}' is a folder. Give the path of a file, such as '{System.IO.Path.Combine(full, "audit.checkpoint")}'.");
        }

        if (!Directory.Exists(folder))
        {
            throw new HyprCheckpointException(CheckpointErrorReason.Inaccessible, full,
                $"The checkpoint's folder does not exist: '{folder}'. Create it, or give another -Checkpoint path.");
        }

        RefuseUnsafeFolder(folder);

        IDisposable? held;
        try
        {
            held = await TokenFileLock.AcquireAsync(lockPath, wait, onWait, cancellationToken).ConfigureAwait(false);
        }
        catch (HyprTokenStoreException failure)
        {
            throw new HyprCheckpointException(CheckpointErrorReason.Inaccessible, full,
                $"The checkpoint's lock file '{lockPath}' cannot be opened: {failure.InnerException?.Message ?? failure.Message}", failure);
        }

        if (held is null)
        {
            throw new HyprCheckpointException(CheckpointErrorReason.Busy, full,
                $"Another export is using the checkpoint '{full}' and did not finish within {wait.TotalSeconds:0} " +
                    "seconds. Let it finish (or stop it) and run again; two runs never share a checkpoint.");
        }

        try
        {
            var checkpoint = new CheckpointFile(full, held, Read(full));

            // Written back at once, so a checkpoint that cannot be written fails here, before any event goes down the pipeline.
            checkpoint.Save();
            return checkpoint;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public AuditCursor? Find(string tenant, string application) =>
        tenants.TryGetValue(tenant, out Dictionary<string, AuditCursor>? applications)
            && applications.TryGetValue(application, out AuditCursor? cursor) ? cursor : null;

    public void Set(string tenant, string application, AuditCursor cursor)
    {
        if (!tenants.TryGetValue(tenant, out Dictionary<string, AuditCursor>? applications))
        {
            tenants[tenant] = applications = new Dictionary<string, AuditCursor>(StringComparer.Ordinal);
        }

        applications[application] = cursor;
    }

    /// <summary>Writes the whole checkpoint to a new owner-only file and renames it over the old one: never half a file.</summary>
    public void Save()
    {
        try
        {
            RefuseLink(Path);
            OwnerOnlyFile.WriteAllText(Path, Serialize());
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
        {
            throw new HyprCheckpointException(CheckpointErrorReason.Inaccessible, Path,
                $"The checkpoint '{Path}' cannot be written: {failure.Message}", failure);
        }
    }

    public void Dispose() => heldLock.Dispose();

    /// <summary>
    /// Links are never followed, and on Linux and macOS a checkpoint (or its lock) that another user owns is refused,
    /// as the token store refuses its files: in a shared folder its owner could move it ahead and make events go unexported.
    /// </summary>
    private static void RefuseLink(string path)
    {
        var item = new FileInfo(path);
        if (item.Exists && (item.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            throw new HyprCheckpointException(CheckpointErrorReason.Inaccessible, path,
                $"'{path}' is a link; a checkpoint is never read or written through a link. Give the path of a regular file.");
        }


        if (!HostPlatform.IsWindows && UnixFileOwner.Inspect(path) is (uint owner, _) && owner != UnixFileOwner.CurrentUser)
        {
            throw new HyprCheckpointException(CheckpointErrorReason.Inaccessible, path,
                $"'{path}' belongs to user {owner}, not to the current user ({UnixFileOwner.CurrentUser}), so it is not used: " +
                    "its owner could have moved the checkpoint ahead. Remove it, or give a -Checkpoint path in a folder of your own.");
        }
    }

    /// <summary>
    /// Whoever owns the folder the files really land in (links followed), and anyone at all when others may write to
    /// it without the sticky bit, can rename files in it, so could swap in a checkpoint that runs ahead. Root owning
    /// it is fine (root can do anything anyway): so /tmp (root, sticky) serves, a shared 0777 folder does not.
    /// </summary>
    private static void RefuseUnsafeFolder(string folder)
    {
        if (HostPlatform.IsWindows || UnixFileOwner.InspectTarget(folder) is not (uint owner, int permissions))
        {
            return;
        }

        string? problem = FolderProblem(owner, permissions, UnixFileOwner.CurrentUser);
        if (problem is not null)
        {
            throw new HyprCheckpointException(CheckpointErrorReason.Inaccessible, folder,
                $"The checkpoint's folder '{folder}' {problem}, so it is not used: another user could swap the checkpoint " +
                    "for one that runs ahead. Give a -Checkpoint path in a folder of your own that only you may write to.");
        }
    }

    /// <summary>Why a folder with this owner and these permission bits is unsafe for a checkpoint; null when it is safe.</summary>
    internal static string? FolderProblem(uint owner, int permissions, uint currentUser)
    {
        const int GroupOrOthersMayWrite = 0x12; // S_IWGRP | S_IWOTH (020 | 002)
        const int Sticky = 0x200; // S_ISVTX (01000): only a file's owner may rename or delete it
        if (owner != currentUser && owner != 0)
        {
            return $"belongs to user {owner}, not to the current user ({currentUser}) or root";
        }

        return (permissions & GroupOrOthersMayWrite) != 0 && (permissions & Sticky) == 0
            ? "may be written by other users and has no sticky bit"
            : null;
    }

    private static Dictionary<string, Dictionary<string, AuditCursor>> Read(string path)
    {
        var result = new Dictionary<string, Dictionary<string, AuditCursor>>(StringComparer.Ordinal);
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                return result;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
        {
            throw new HyprCheckpointException(CheckpointErrorReason.Inaccessible, path,
                $"The checkpoint '{path}' cannot be read: {failure.Message}", failure);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out JsonElement version)
                || version.ValueKind != JsonValueKind.Number || version.GetInt32() != FormatVersion)
            {
                throw Damaged(path, $"it is not a version {FormatVersion} HyprAuth checkpoint");
            }

            foreach (JsonProperty tenant in Object(root, "tenants", path).EnumerateObject())
            {
                var applications = new Dictionary<string, AuditCursor>(StringComparer.Ordinal);
                foreach (JsonProperty application in Object(tenant.Value, "applications", path).EnumerateObject())
                {
                    applications[application.Name] = ReadCursor(application.Value, path);
                }

                result[tenant.Name] = applications;
            }
        }
        catch (Exception failure) when (failure is JsonException || failure is InvalidOperationException || failure is FormatException)
        {
            throw Damaged(path, "it is not valid JSON of the expected shape", failure);
        }

        return result;
    }

    private static AuditCursor ReadCursor(JsonElement cursor, string path)
    {
        if (cursor.ValueKind != JsonValueKind.Object || !cursor.TryGetProperty("scannedTo", out JsonElement scanned)
            || !cursor.TryGetProperty("lastEventIds", out JsonElement ids) || ids.ValueKind != JsonValueKind.Array)
        {
            throw Damaged(path, "an application's entry lacks scannedTo or lastEventIds");
        }

        long? last = cursor.TryGetProperty("lastEventTime", out JsonElement time) && time.ValueKind != JsonValueKind.Null ? time.GetInt64()
            : (long?)null;
        IEnumerable<string> list = ids.EnumerateArray().Select(id => id.GetString() ?? throw Damaged(path, "an event id is null"));
        return new AuditCursor(last, list, scanned.GetInt64());
    }

    private static JsonElement Object(JsonElement parent, string name, string path) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw Damaged(path, $"'{name}' is missing or not an object");

    private static HyprCheckpointException Damaged(string path, string problem, Exception? inner = null) =>
        new(CheckpointErrorReason.Damaged, path,
            $"The checkpoint '{path}' is damaged: {problem}. It was left as it is, and nothing was exported: starting " +
                "over would export everything again. Restore it from a backup, or move it away to start again from -Since.",
            inner);

    private string Serialize() => JsonSerializer.Serialize(
        new
        {
            version = FormatVersion,
            tenants = tenants.ToDictionary(tenant => tenant.Key, tenant => new
            {
                applications = tenant.Value.ToDictionary(application => application.Key, application => new
                {
                    lastEventTime = application.Value.LastEventTime,
                    lastEventIds = application.Value.LastEventIds,
                    scannedTo = application.Value.ScannedTo,
                }),
            }),
        },
        Indented);
}
