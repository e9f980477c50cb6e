using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Audit;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Http;
using HyprAuth.Core.Tests.TestSupport;
using HyprAuth.Emulator;

namespace HyprAuth.Core.Tests.Audit;

/// <summary>A test tenant with audit events, a client allowed to read them, and a folder for checkpoints.</summary>
internal sealed class AuditTenant : IAsyncDisposable
{
    public const string SearchRoute = "GET " + AuditApi.SearchPath;
    public static readonly string[] Apps = { "AppOne", "AppTwo", "AppThree" };

    private readonly string folder = Path.Combine(Path.GetTempPath(), "hyprauth-audit-" + Guid.NewGuid().ToString("N"));

    private AuditTenant(TestTenant tenant, ITokenProvider tokens)
    {
        Tenant = tenant;
        Tokens = tokens;
        Directory.CreateDirectory(folder);
        CheckpointPath = Path.Combine(folder, "checkpoint.json");
    }

    public TestTenant Tenant { get; }

    public ITokenProvider Tokens { get; }

    public string CheckpointPath { get; }

    /// <summary>The end of every run's window: after every generated event (they end 2 minutes ago).</summary>
    public DateTimeOffset Until => Tenant.State.Clock.UtcNow.AddMinutes(-1);

    public DateTimeOffset Since => Tenant.State.Clock.UtcNow.AddHours(-1);

    public static async Task<AuditTenant> StartAsync(EmulatorSettings? settings = null)
    {
        var tenant = await TestTenant.StartAsync(settings);
        var client = tenant.CreateClient(new ClientSpec { RpAppIds = Apps });
        var cached = tenant.Remember(await tenant.NewCache().GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        return new AuditTenant(tenant, new CachedTokenProvider(cached.Handle));
    }

    public AuditAppendReply Append(int count, long? fromMs = null, long? toMs = null, int perMillisecond = 3, params string[] apps) =>
        Tenant.State.AppendAuditEvents(new AuditAppendRequest { RpAppIds = apps.Length > 0 ? apps : Apps, Count = count, FromMs = fromMs, ToMs =
            toMs, PerMillisecond = perMillisecond });

    public AuditExportSettings Settings(string? checkpoint = null, int pageSize = 100, int retries = 3, DateTimeOffset? until = null) =>
        new AuditExportSettings(Tenant.TenantUri, Since, until ?? Until, uri =>
            new ApiRequest(HttpMethod.Get, uri) { Transport = new TransportOptions(retryPolicy: new RetryPolicy(maximumRetryCount: retries)) })
        {
            PageSize = pageSize,
            CheckpointPath = checkpoint,
            RpAppIds = Apps,
            Clock = Tenant.Clock,
        };

    public AuditExporter Exporter(AuditExportSettings settings) => new AuditExporter(Tenant.ApiClient, Tokens, settings);

    /// <summary>Runs an export as a cmdlet does, writing each page's events before committing it; stops after <paramref name="take"/> events like
    /// Select-Object -First.</summary>
    public async Task<List<ExportedEvent>> RunAsync(AuditExportSettings settings, int take = int.MaxValue, List<ExportedEvent>? written = null,
        List<string>? refused = null)
    {
        written ??= new List<ExportedEvent>();
        using (var exporter = Exporter(settings))
        {
            await exporter.StartAsync(Tenant.Events, CancellationToken.None);
            AuditPage? page;
            while ((page = await exporter.NextPageAsync(Tenant.Events, CancellationToken.None)) != null)
            {
                foreach (var item in page.Events)
                {
                    if (written.Count == take)
                    {
                        return written; // the pipeline stopped mid-page: no commit
                    }

                    written.Add(new ExportedEvent(page.Application, AuditEventKey.Id(item)!,
                        AuditEventKey.Milliseconds(item, AuditEventKey.EventTimeProperty)!.Value));
                }

                exporter.Commit(page);
            }

            // One failed item each, as the cmdlet writes them: the export went on.
            refused?.AddRange(exporter.Failures.Where(failure => failure.IsOneFailedItem).Select(failure => failure.Application));
        }

        return written;
    }

    /// <summary>Every event the emulator holds for the apps, as an export should deliver them.</summary>
    public List<ExportedEvent> AllEvents() =>
        Apps.SelectMany(app => Tenant.State.AuditEvents(app).Select(e => new ExportedEvent(app, e.Id, e.EventTime))).ToList();

    public async ValueTask DisposeAsync()
    {
        await Tenant.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}

internal sealed record ExportedEvent(string App, string Id, long Time);
