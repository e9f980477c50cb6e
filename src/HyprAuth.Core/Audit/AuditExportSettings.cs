using System;
using System.Collections.Generic;
using HyprAuth.Core.Api;

namespace HyprAuth.Core.Audit;

/// <summary>What one audit export run covers.</summary>
public sealed class AuditExportSettings
{
    public const int DefaultPageSize = 100;

    public static readonly TimeSpan DefaultCheckpointWait = TimeSpan.FromSeconds(30);

    public AuditExportSettings(Uri tenantUri, DateTimeOffset since, DateTimeOffset until, Func<Uri, ApiRequest> requestFor)
    {
        TenantUri = tenantUri;
        Since = since;
        Until = until;
        RequestFor = requestFor;
    }

    public Uri TenantUri { get; }

    /// <summary>Where an application without a checkpoint entry starts.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>Where every application's window ends (the caller subtracts its settle time).</summary>
    public DateTimeOffset Until { get; }

    /// <summary>Builds each request with the caller's timeout, retries and proxy.</summary>
    public Func<Uri, ApiRequest> RequestFor { get; }

    /// <summary>Null: every application the tenant lists.</summary>
    public IReadOnlyList<string>? RpAppIds { get; set; }

    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>Null: no checkpoint (the run still never repeats an event within itself).</summary>
    public string? CheckpointPath { get; set; }

    /// <summary>How long to wait for another run that holds the checkpoint.</summary>
    public TimeSpan CheckpointWait { get; set; } = DefaultCheckpointWait;
}
