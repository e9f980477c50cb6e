using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Paging;

namespace HyprAuth.Core.Audit;

/// <summary>
/// Exports the audit trail application by application, page by page in event-time order, in constant memory.
/// Each application resumes from its <see cref="AuditCursor"/> (the checkpoint) and only new events come out.
/// Whether HYPR's window ends are inclusive is not documented, so the search starts one millisecond before the
/// cursor and the cursor decides what is new; an event at exactly the window's end is exported when the server
/// returns it, or by the next run when it does not. The checkpoint moves only on <see cref="Commit"/>, so it is
/// never ahead of what the caller wrote, and at most one page behind it.
/// </summary>
public sealed class AuditExporter(ApiClient api, ITokenProvider tokens, AuditExportSettings settings) : IDisposable
{
    private readonly string tenant = settings.TenantUri.GetLeftPart(UriPartial.Authority) + "/";
    private readonly long since = settings.Since.ToUnixTimeMilliseconds();
    // Never after now: what is recorded as scanned must have been searched, or events logged later would be skipped.
    private readonly long until = Math.Min(
        settings.Until.ToUnixTimeMilliseconds(), settings.Clock.GetUtcNow().ToUnixTimeMilliseconds());
    private IReadOnlyList<string> applications = [];
    private CheckpointFile? checkpoint;
    private int applicationIndex = -1;
    private AuditCursor? cursor;
    private Pager? pager;
    private AuditPage? pending;
    private long exportedForApplication;
    private readonly List<AuditApplicationFailure> failures = [];

    /// <summary>Events this run has committed, over all applications.</summary>
    public long Exported { get; private set; }

    /// <summary>
    /// Applications the server refused (403: not the token's rpAppId; 404) during this run. Each application has its own
    /// checkpoint entry, so the others are exported all the same; the refused one keeps its place for the next run.
    /// </summary>
    public IReadOnlyList<AuditApplicationFailure> Failures => failures;

    /// <summary>Takes the checkpoint (bounded wait) and settles the applications; returns them in export order.</summary>
    public async Task<IReadOnlyList<string>> StartAsync(IHyprEvents events, CancellationToken cancellationToken)
    {
        if (settings.CheckpointPath != null)
        {
            checkpoint = await CheckpointFile.OpenAsync(
                settings.CheckpointPath,
                settings.CheckpointWait,
                () => events.Verbose($"Another export is using the checkpoint '{settings.CheckpointPath}'; " +
                    $"waiting up to {settings.CheckpointWait.TotalSeconds:0} seconds for it."),
                cancellationToken).ConfigureAwait(false);
        }

        applications = settings.RpAppIds
            ?? (await AuditApi.ListApplicationsAsync(api, tokens, settings.TenantUri, settings.RequestFor, events, cancellationToken)
                .ConfigureAwait(false)).Select(application => application.GetProperty(AuditApi.ApplicationIdProperty).GetString()!).ToList();
        return applications;
    }

    /// <summary>The next page with events not exported before (possibly none of them), or null when the run is complete.</summary>
    public async Task<AuditPage?> NextPageAsync(IHyprEvents events, CancellationToken cancellationToken)
    {
        if (pending != null)
        {
            throw new InvalidOperationException("Commit the previous page before asking for the next one.");
        }

        while (true)
        {
            if (pager == null && !StartNextApplication(events))
            {
                return null;
            }

            ApiPage? page;
            try
            {
                page = await pager!.NextAsync(events, cancellationToken).ConfigureAwait(false);
            }
            catch (HyprProtocolException refused) when (IsApplicationRefused(refused) || IsUnreadableListedApplication(refused))
            {
                // Only this application is refused; failures that would hit every application (transport, throttling,
                // the token) end the run at once instead, so no failure is repeated once per application.
                failures.Add(new AuditApplicationFailure(
                    applications[applicationIndex], refused, DescribePosition(), IsUnreadableListedApplication(refused)));
                events.Verbose($"{applications[applicationIndex]}: {refused.Message} Going on with the other applications.");
                pager = null;
                continue;
            }

            if (page == null)
            {
                // Searched to the window's end: recorded even when nothing came, so a long pause loses nothing.
                cursor!.Scanned(until);
                checkpoint?.Save();
                pager = null;
                continue;
            }

            pending = Select(page);
            return pending;
        }
    }

    /// <summary>The page's events went down the pipeline: the checkpoint moves past them, and is saved.</summary>
    public void Commit(AuditPage page)
    {
        if (!ReferenceEquals(page, pending))
        {
            throw new InvalidOperationException("Only the page last returned can be committed.");
        }

        foreach (KeyValuePair<long, string> key in page.Keys)
        {
            cursor!.Exported(key.Key, key.Value);
        }

        exportedForApplication += page.Keys.Count;
        Exported += page.Keys.Count;
        if (page.Keys.Count > 0)
        {
            checkpoint?.Save();
        }

        pending = null;
        page.Dispose();
    }

    /// <summary>Where the export stands, for an error that ends it early.</summary>
    public string DescribePosition()
    {
        if (cursor == null || applicationIndex < 0 || applicationIndex >= applications.Count)
        {
            return "Nothing was exported.";
        }

        string position = cursor.LastEventTime is long last
            ? $"events of {applications[applicationIndex]} up to {Time(last)} went out"
            : $"no event of {applications[applicationIndex]} went out";
        string where = checkpoint != null
            ? $"The checkpoint holds that point: run again to go on from there."
            : $"Without -Checkpoint, run again with -Since {Time(cursor.ResumeAt)} to go on (one millisecond may repeat).";
        return $"The export got to application {applicationIndex + 1} of {applications.Count}: {position} ({Exported} events this run). {where}";
    }

    public void Dispose()
    {
        pending?.Dispose();
        checkpoint?.Dispose();
    }

    private static bool IsApplicationRefused(HyprProtocolException error) =>
        !error.IsTokenExchange && (error.StatusCode == 403 || error.StatusCode == 404);

    // The tenant lists applications this client may not read (HYPRDefaultApplication for most clients): one failed item.
    private bool IsUnreadableListedApplication(HyprProtocolException error) => settings.RpAppIds == null && error.IsInsufficientScope;

    private bool StartNextApplication(IHyprEvents events)
    {
        while (++applicationIndex < applications.Count)
        {
            string application = applications[applicationIndex];
            AuditCursor? known = checkpoint?.Find(tenant, application);
            if (known != null)
            {
                events.Verbose($"{application}: the checkpoint resumes at {Time(known.ResumeAt)}; -Since does not apply to it.");
            }

            cursor = known ?? new AuditCursor(null, Array.Empty<string>(), since);
            checkpoint?.Set(tenant, application, cursor);
            exportedForApplication = 0;
            if (cursor.ResumeAt > until)
            {
                events.Verbose($"{application}: already exported up to {Time(cursor.ResumeAt)}, after this run's end {Time(until)}; skipped.");
                continue;
            }

            events.Verbose($"{application}: searching from {Time(cursor.ResumeAt)} to {Time(until)}.");
            long start = cursor.ResumeAt - 1;
            pager = new Pager(api, tokens, new PagerOptions { Mode = PagingMode.PageNumber }, parameter =>
                settings.RequestFor(SearchUri(application, start, parameter)));
            return true;
        }

        return false;
    }

    private AuditPage Select(ApiPage page)
    {
        var selected = new List<JsonElement>(page.Items.Count);
        var keys = new List<KeyValuePair<long, string>>(page.Items.Count);
        foreach (JsonElement item in page.Items)
        {
            string? id = AuditEventKey.Id(item);
            long? time = AuditEventKey.Milliseconds(item, AuditEventKey.EventTimeProperty);
            if (id == null || time == null)
            {
                page.Dispose();
                throw new HyprInvalidResponseException(
                    new Uri(settings.TenantUri, AuditApi.SearchPath), 200, "application/json", null,
                    $"an audit event of {applications[applicationIndex]} has no " +
                        $"{(id == null ? AuditEventKey.IdProperty : AuditEventKey.EventTimeProperty)}, so it cannot be placed in the export");
            }

            // Skips what went out before: the millisecond the search starts in, and events a page shift brought back.
            if (cursor!.IsNew(time.Value, id) && !IsInPage(keys, time.Value, id))
            {
                selected.Add(item);
                keys.Add(new(time.Value, id));
            }
        }

        return new AuditPage(page, applications[applicationIndex], applicationIndex, applications.Count, selected, keys, exportedForApplication);
    }

    private static bool IsInPage(List<KeyValuePair<long, string>> keys, long time, string id)
    {
        // Events are in time order, so a repeat within a page can only be among the last few of its millisecond.
        for (int i = keys.Count - 1; i >= 0 && keys[i].Key == time; i--)
        {
            if (string.Equals(keys[i].Value, id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private Uri SearchUri(string application, long start, PageParameter? page)
    {
        List<KeyValuePair<string, string?>> query =
        [
            new("rpAppId", application),
            new("startTSUTC", start.ToString(CultureInfo.InvariantCulture)),
            new("endTSUTC", until.ToString(CultureInfo.InvariantCulture)),
            new("pageSize", settings.PageSize.ToString(CultureInfo.InvariantCulture)),
        ];
        if (page != null)
        {
            query.Add(new(page.Name, page.Value));
        }

        query.Add(new("orderBy", AuditEventKey.EventTimeProperty));
        query.Add(new("sortDir", "asc"));
        return ApiUri.Build(settings.TenantUri, AuditApi.SearchPath, query);
    }

    private static string Time(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
