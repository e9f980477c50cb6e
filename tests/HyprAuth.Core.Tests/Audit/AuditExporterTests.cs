using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Audit;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Tests.PersistentCache;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Core.Tests.Audit;

public sealed class AuditExporterTests
{
    [Theory]
    [InlineData(true, true, 1)]
    [InlineData(false, false, 1)]
    [InlineData(true, false, 0)]
    [InlineData(false, true, 0)]
    public async Task Every_event_goes_out_once_in_order_whatever_the_window_ends_and_first_page(bool startInclusive, bool endInclusive,
        int firstPage)
    {
        await using var audit =
            await AuditTenant.StartAsync(new EmulatorSettings { AuditStartInclusive = startInclusive, AuditEndInclusive = endInclusive,
            AuditFirstPage = firstPage });
        audit.Append(900, perMillisecond: 7);

        var written = await audit.RunAsync(audit.Settings(pageSize: 50));

        Assert.Equal(audit.AllEvents(), written);
        Assert.Equal(900 / 50, audit.Tenant.Requests(AuditTenant.SearchRoute));
    }

    [Fact]
    public async Task A_second_checkpointed_run_exports_exactly_the_new_events_also_in_the_last_exported_millisecond()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(600, perMillisecond: 5);
        var first = await audit.RunAsync(audit.Settings(audit.CheckpointPath, pageSize: 40));
        long last = first.Where(e => e.App == "AppTwo").Max(e => e.Time);

        audit.Append(4, fromMs: last, toMs: last, apps: "AppTwo");
        long now = audit.Tenant.State.Clock.UtcNow.ToUnixTimeMilliseconds();
        audit.Append(30, fromMs: now - 90_000, toMs: now - 70_000);
        var second = await audit.RunAsync(audit.Settings(audit.CheckpointPath, pageSize: 40));

        Assert.Equal(600, first.Count);
        Assert.Equal(34, second.Count);
        Assert.Empty(first.Select(e => e.Id).Intersect(second.Select(e => e.Id)));
        Assert.Equal(audit.AllEvents().OrderBy(e => e.Id).ToList(), first.Concat(second).OrderBy(e => e.Id).ToList());
        Assert.Equal(4, second.Count(e => e.Time == last));
    }

    [Fact]
    public async Task A_stop_mid_page_repeats_at_most_one_page_on_the_next_run()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(300);
        var first = await audit.RunAsync(audit.Settings(audit.CheckpointPath, pageSize: 25), take: 10);
        var more = await audit.RunAsync(audit.Settings(audit.CheckpointPath, pageSize: 25), take: 60);
        var rest = await audit.RunAsync(audit.Settings(audit.CheckpointPath, pageSize: 25));

        var all = first.Concat(more).Concat(rest).ToList();
        Assert.Equal(audit.AllEvents().OrderBy(e => e.Id), all.Distinct().OrderBy(e => e.Id));
        Assert.Equal(10, first.Intersect(more).Count());
        Assert.InRange(more.Intersect(rest).Count(), 1, 25);
    }

    [Fact]
    public async Task A_failed_page_loses_nothing_and_the_rerun_repeats_at_most_one_page()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(300, apps: "AppOne");
        audit.Tenant.State.QueueFault(new FaultSpec { Route = AuditApi.SearchPath, Kind = "status", Status = 503, Query = "pageNumber=3" });
        var written = new System.Collections.Generic.List<ExportedEvent>();

        var failure =
            await Assert.ThrowsAsync<HyprProtocolException>(() =>
            audit.RunAsync(audit.Settings(audit.CheckpointPath, pageSize: 20, retries: 0), written: written));
        var rerun = await audit.RunAsync(audit.Settings(audit.CheckpointPath, pageSize: 20));

        Assert.Equal(503, failure.StatusCode);
        Assert.Equal(40, written.Count);
        Assert.Equal(audit.AllEvents(), written.Concat(rerun).Distinct().ToList());
        Assert.Equal(260, rerun.Count);
    }

    [Fact]
    public async Task Throttling_is_waited_out_and_the_export_completes()
    {
        await using var audit =
            await AuditTenant.StartAsync(new EmulatorSettings { ThrottlingEnabled = true, ThrottleBudget = 10, ThrottleRefillPerSecond = 5 });
        audit.Append(200, apps: "AppOne");
        audit.Tenant.Clock.OnDelay = delay => audit.Tenant.State.ShiftClock(delay);

        var written = await audit.RunAsync(audit.Settings(pageSize: 20, retries: 10));

        Assert.Equal(audit.AllEvents(), written);
        Assert.True(audit.Tenant.Requests(AuditTenant.SearchRoute) > 10, "some pages were throttled and asked again");
        Assert.NotEmpty(audit.Tenant.Clock.Delays);
    }

    [Fact]
    public async Task An_application_without_events_records_how_far_it_was_scanned()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(10, apps: "AppOne");
        var settings = audit.Settings(audit.CheckpointPath);

        await audit.RunAsync(settings);

        using var checkpoint = await CheckpointFile.OpenAsync(audit.CheckpointPath, TimeSpan.Zero, () => { }, CancellationToken.None);
        var empty = checkpoint.Find(audit.Tenant.TenantUri.AbsoluteUri, "AppThree");
        Assert.NotNull(empty);
        Assert.Null(empty!.LastEventTime);
        Assert.Equal(settings.Until.ToUnixTimeMilliseconds(), empty.ScannedTo);
        Assert.Equal(audit.AllEvents().Last().Time, checkpoint.Find(audit.Tenant.TenantUri.AbsoluteUri, "AppOne")!.LastEventTime);
    }

    [Fact]
    public async Task A_window_that_would_end_after_now_is_searched_and_recorded_only_up_to_now()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(10, apps: "AppOne");
        var settings = audit.Settings(audit.CheckpointPath, until: audit.Tenant.Clock.GetUtcNow().AddHours(1));

        await audit.RunAsync(settings);
        long now = audit.Tenant.Clock.GetUtcNow().ToUnixTimeMilliseconds();

        using var checkpoint = await CheckpointFile.OpenAsync(audit.CheckpointPath, TimeSpan.Zero, () => { }, CancellationToken.None);
        Assert.All(AuditTenant.Apps, app => Assert.True(checkpoint.Find(audit.Tenant.TenantUri.AbsoluteUri, app)!.ScannedTo <= now,
            $"{app} is recorded as scanned after now"));
    }

    [Fact]
    public async Task Without_rpAppIds_an_application_the_client_may_not_read_is_one_failure_and_the_others_go_on()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(90, perMillisecond: 2);
        var settings = audit.Settings(audit.CheckpointPath, pageSize: 20);
        settings.RpAppIds = null; // the tenant lists HYPRDefaultApplication and HYPRDefaultWorkstationApplication too
        var refused = new System.Collections.Generic.List<string>();

        var written = await audit.RunAsync(settings, refused: refused);

        Assert.Equal(new[] { "HYPRDefaultApplication", "HYPRDefaultWorkstationApplication" }, refused);
        Assert.Equal(audit.AllEvents(), written);
        using var checkpoint = await CheckpointFile.OpenAsync(audit.CheckpointPath, TimeSpan.Zero, () => { }, CancellationToken.None);
        Assert.Equal(audit.AllEvents().Last().Time, checkpoint.Find(audit.Tenant.TenantUri.AbsoluteUri, "AppThree")!.LastEventTime);
    }

    [Fact]
    public async Task A_refused_application_named_in_rpAppIds_is_a_failure_of_the_run_not_one_failed_item()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(10);
        var settings = audit.Settings();
        settings.RpAppIds = new[] { "HYPRDefaultApplication", "AppOne" };
        var refused = new System.Collections.Generic.List<string>();

        using var exporter = audit.Exporter(settings);
        await exporter.StartAsync(audit.Tenant.Events, CancellationToken.None);
        while (await exporter.NextPageAsync(audit.Tenant.Events, CancellationToken.None) is AuditPage page)
        {
            exporter.Commit(page);
        }

        // Named by the caller: recorded for the run's terminating error (the cmdlet's), never skipped as one failed item.
        Assert.Equal("HYPRDefaultApplication", Assert.Single(exporter.Failures).Application);
        Assert.True(exporter.Failures[0].Error.IsInsufficientScope);
        Assert.False(exporter.Failures[0].IsOneFailedItem);
    }

    [Fact]
    public async Task A_checkpoint_path_that_is_a_folder_is_refused_before_any_request()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(10);
        Directory.CreateDirectory(audit.CheckpointPath);
        var written = new System.Collections.Generic.List<ExportedEvent>();

        var error = await Assert.ThrowsAsync<HyprCheckpointException>(() => audit.RunAsync(audit.Settings(audit.CheckpointPath), written: written));

        Assert.Equal(CheckpointErrorReason.Inaccessible, error.Reason);
        Assert.Empty(written);
        Assert.Equal(0, audit.Tenant.Requests(AuditTenant.SearchRoute));
    }

    [Fact]
    public async Task A_damaged_checkpoint_is_an_error_and_is_left_as_it_is()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(10);
        File.WriteAllText(audit.CheckpointPath, "{\"version\":1,\"tenants\":{\"x\":");

        var error = await Assert.ThrowsAsync<HyprCheckpointException>(() => audit.RunAsync(audit.Settings(audit.CheckpointPath)));

        Assert.Equal(CheckpointErrorReason.Damaged, error.Reason);
        Assert.Contains("damaged", error.Message);
        Assert.Equal("{\"version\":1,\"tenants\":{\"x\":", File.ReadAllText(audit.CheckpointPath));
        Assert.Equal(0, audit.Tenant.Requests(AuditTenant.SearchRoute));
    }

    [Fact]
    public async Task A_second_run_on_a_held_checkpoint_waits_a_bounded_time_then_fails_clearly()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(10);
        using (await CheckpointFile.OpenAsync(audit.CheckpointPath, TimeSpan.Zero, () => { }, CancellationToken.None))
        {
            var settings = audit.Settings(audit.CheckpointPath);
            settings.CheckpointWait = TimeSpan.FromMilliseconds(300);

            var error = await Assert.ThrowsAsync<HyprCheckpointException>(() => audit.RunAsync(settings));

            Assert.Equal(CheckpointErrorReason.Busy, error.Reason);
            Assert.Contains("Another export", error.Message);
            Assert.Contains(audit.Tenant.Events.VerboseMessages, line => line.Contains("waiting up to"));
        }

        Assert.Equal(10, (await audit.RunAsync(audit.Settings(audit.CheckpointPath))).Count);
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_checkpoint_is_owner_only_and_never_written_through_a_link()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(10);
        await audit.RunAsync(audit.Settings(audit.CheckpointPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(audit.CheckpointPath));

        string target = audit.CheckpointPath + ".target";
        string link = audit.CheckpointPath + ".link";
        File.WriteAllText(target, "not yours");
        File.CreateSymbolicLink(link, target);
        var error = await Assert.ThrowsAsync<HyprCheckpointException>(() => audit.RunAsync(audit.Settings(link)));

        Assert.Equal(CheckpointErrorReason.Inaccessible, error.Reason);
        Assert.Equal("not yours", File.ReadAllText(target));
    }

    [Fact]
    public async Task Ids_beyond_two_to_the_53rd_keep_every_digit()
    {
        await using var audit = await AuditTenant.StartAsync();
        audit.Append(5, apps: "AppOne");

        var written = await audit.RunAsync(audit.Settings());

        Assert.All(written, e => Assert.True(ulong.Parse(e.Id) > (1UL << 53)));
        Assert.Equal(written.Select(e => e.Id), audit.Tenant.State.AuditEvents("AppOne").Select(e => e.Id));
    }
}
