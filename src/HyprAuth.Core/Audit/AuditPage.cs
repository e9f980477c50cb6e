using System;
using System.Collections.Generic;
using System.Text.Json;
using HyprAuth.Core.Paging;

namespace HyprAuth.Core.Audit;

/// <summary>
/// One page of one application's audit events, only those not exported before, in event-time order. Write them,
/// then <see cref="AuditExporter.Commit"/> the page: only then does the checkpoint move past them.
/// </summary>
public sealed class AuditPage : IDisposable
{
    private readonly ApiPage source;

    internal AuditPage(ApiPage source, string application, int applicationIndex, int applicationCount, IReadOnlyList<JsonElement> events,
        IReadOnlyList<KeyValuePair<long, string>> keys, long exportedBefore)
    {
        this.source = source;
        Application = application;
        ApplicationIndex = applicationIndex;
        ApplicationCount = applicationCount;
        Events = events;
        Keys = keys;
        ExportedBefore = exportedBefore;
    }

    public string Application { get; }

    /// <summary>0 for the first application of the run.</summary>
    public int ApplicationIndex { get; }

    public int ApplicationCount { get; }

    public IReadOnlyList<JsonElement> Events { get; }

    /// <summary>The application's events in this run's window, as the server counts them (metadata.totalRecords).</summary>
    public long? TotalRecords => source.TotalItems;

    /// <summary>The application's events this run exported before this page.</summary>
    public long ExportedBefore { get; }

    internal IReadOnlyList<KeyValuePair<long, string>> Keys { get; }

    public void Dispose() => source.Dispose();
}
