using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using HyprAuth.Core.Api;
using HyprAuth.Core.Audit;
using HyprAuth.Core.Errors;

namespace HyprAuth.Commands;

/// <summary>
/// Streams HYPR's audit trail as typed events, application by application in event-time order, page by page in
/// constant memory; with -Checkpoint, each run exports only what the previous runs did not (a scheduled SIEM export).
/// The engine's exporter does the paging and the checkpoint; this writes the events and the progress.
/// </summary>
[Cmdlet(VerbsCommon.Get, "HyprAuditEvent", DefaultParameterSetName = ConnectionSet)]
[OutputType(typeof(HyprAuditEvent))]
public sealed class GetHyprAuditEventCommand : HyprApiCmdlet
{
    private const int ProgressActivityId = 0x4861;
    private const string Activity = "Get-HyprAuditEvent";
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(1);

    // How many of the current export's failures WriteFailedItems has looked at.
    private int failuresWritten;

    /// <summary>The applications to export; by default every application Get-HyprApplication lists.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[]? RpAppId { get; set; }

    /// <summary>Where an application without a checkpoint entry starts; by default an hour ago.</summary>
    [Parameter]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Where the window ends; never later than now minus -SettleTime.</summary>
    [Parameter]
    public DateTimeOffset? Until { get; set; }

    [Parameter]
    [ValidateRange(1, 1000)]
    public int PageSize { get; set; } = AuditExportSettings.DefaultPageSize;

    /// <summary>A file that remembers, per tenant and application, where the export stopped.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Checkpoint { get; set; }

    /// <summary>How far behind now the window ends, so events HYPR logs late are not skipped; a TimeSpan or seconds.</summary>
    [Parameter]
    [SecondsOrTimeSpan]
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(60);

    protected override void ProcessRecord()
    {
        (DateTimeOffset since, DateTimeOffset until) = Window();
        Uri tenant = ResolveTenant();
        TokenBinding binding = ResolveBinding();
        var settings = new AuditExportSettings(tenant, since, until, uri => Configure(new ApiRequest(HttpMethod.Get, uri)))
        {
            RpAppIds = RpAppId,
            PageSize = PageSize,
            CheckpointPath = Checkpoint is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Checkpoint),
        };
        WriteVerbose($"Exporting audit events from {Time(since)} to {Time(until)} (now minus {SettleTime.TotalSeconds:0} " +
            $"s settle time){(Checkpoint is null ? string.Empty : ", checkpoint " + settings.CheckpointPath)}.");
        using var exporter = new AuditExporter(Api, Tokens(binding), settings);
        failuresWritten = 0;
        try
        {
            RunEngine((events, cancellation) => exporter.StartAsync(events, cancellation));
            while (NextPage(exporter) is AuditPage page)
            {
                foreach (JsonElement item in page.Events)
                {
                    WriteObject(AuditEventConverter.ToAuditEvent(item));
                }

                // Only now, with the page's events down the pipeline, does the checkpoint move past them.
                exporter.Commit(page);
                WriteProgress(Progress(page));
            }

            ThrowIfApplicationsFailed(exporter, tenant);
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            WriteFailedItems(exporter); // the applications refused before the fault, as one failed item each

            // Its request came from the arguments: terminating, so try/catch sees it (Invoke-HyprApi's rule).
            if (exception is HyprCheckpointException)
            {
                ThrowFor(exception, settings.CheckpointPath);
            }

            // Say how far the export got, so nobody has to guess what the next run will do.
            ThrowTerminatingError(ErrorRecordFactory.Create(exception, new Uri(tenant, AuditApi.SearchPath)), exporter.DescribePosition());
        }
        finally
        {
            WriteProgress(new ProgressRecord(ProgressActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        WriteVerbose($"Exported {exporter.Exported} events.");
    }

    /// <summary>
    /// The next page. An application of the tenant's list this client may not read is one failed item, written as the
    /// export goes on; a refusal of an application named in -RpAppId waits for the run's terminating error.
    /// </summary>
    private AuditPage? NextPage(AuditExporter exporter)
    {
        AuditPage? page = RunEngine((events, cancellation) => exporter.NextPageAsync(events, cancellation));
        WriteFailedItems(exporter);
        return page;
    }

    private void WriteFailedItems(AuditExporter exporter)
    {
        foreach (AuditApplicationFailure failure in exporter.Failures.Skip(failuresWritten).Where(failure => failure.IsOneFailedItem))
        {
            ErrorRecord refusal = ErrorRecordFactory.Create(failure.Error, null);
            WriteError(new ErrorRecord(refusal.Exception, refusal.FullyQualifiedErrorId, refusal.CategoryInfo.Category, failure.Application)
            {
                ErrorDetails = new ErrorDetails($"{failure.Error.Message} The client may not read the audit events of application " +
                    $"'{failure.Application}'; the export went on with the other applications.")
                {
                    RecommendedAction = "Pass -RpAppId with the applications this client may read (its rpAppIds in HYPR " +
                        "Control Center), or grant it this application.",
                },
            });
        }

        failuresWritten = exporter.Failures.Count;
    }

    /// <summary>The other applications went out; the run still fails, naming the refused ones, so a script notices.</summary>
    private void ThrowIfApplicationsFailed(AuditExporter exporter, Uri tenant)
    {
        List<AuditApplicationFailure> failed = exporter.Failures.Where(failure => !failure.IsOneFailedItem).ToList();
        if (failed.Count > 0)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(failed[0].Error, new Uri(tenant, AuditApi.SearchPath)),
                $"Refused application(s): {string.Join(", ", failed.Select(failure => failure.Application))}; the other applications " +
                    $"were exported ({exporter.Exported} events this run). {failed[0].Position}");
        }
    }

    /// <summary>Ends the run with the error's message followed by <paramref name="more"/>, keeping its advice.</summary>
    private void ThrowTerminatingError(ErrorRecord record, string more)
    {
        record.ErrorDetails = new ErrorDetails(record.Exception.Message + " " + more) { RecommendedAction = record.ErrorDetails?.RecommendedAction };
        ThrowTerminatingError(record);
    }

    private (DateTimeOffset Since, DateTimeOffset Until) Window()
    {
        if (SettleTime < TimeSpan.Zero)
        {
            // A window that ends after now would record as scanned a stretch HYPR has not logged yet: its events would be lost.
            ThrowFor(new HyprArgumentException(nameof(SettleTime),
                $"-SettleTime {SettleTime} is negative: the window must end before now, or events logged later would be skipped for good."),
                SettleTime);
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset settled = now - SettleTime;
        DateTimeOffset until = Until is DateTimeOffset given && given < settled ? given.ToUniversalTime() : settled;
        if (Until is DateTimeOffset late && late > settled)
        {
            WriteVerbose($"-Until {Time(late)} is later than now minus -SettleTime; the window ends at {Time(settled)}.");
        }

        DateTimeOffset since = (Since ?? now - DefaultWindow).ToUniversalTime();
        if (since >= until && Checkpoint is null)
        {
            ThrowFor(new HyprArgumentException(nameof(Since),
                $"-Since {Time(since)} is not before the window's end {Time(until)} (-Until, or now minus -SettleTime)."), Since);
        }

        return (since, until);
    }

    private static ProgressRecord Progress(AuditPage page)
    {
        long exported = page.ExportedBefore + page.Events.Count;
        string status = $"{page.Application} ({page.ApplicationIndex + 1} of {page.ApplicationCount}): {exported} new events" +
            (page.TotalRecords is long total ? $", {total} in the window" : string.Empty);
        int percent = (int)((page.ApplicationIndex * 100L) / Math.Max(1, page.ApplicationCount));
        if (page.TotalRecords is long records && records > 0)
        {
            percent += (int)(Math.Min(1.0, (double)exported / records) * 100 / page.ApplicationCount);
        }

        return new ProgressRecord(ProgressActivityId, Activity, status) { PercentComplete = Math.Min(100, percent) };
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
