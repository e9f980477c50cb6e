using System;
using System.Collections.Generic;
using System.Text.Json;
using HyprAuth.Core.Paging;

namespace HyprAuth.Core.Audit;

/// <summary>
/// One page of one application's audit events, only those not exported before, in event-time order. Write them,
/// then <see cref="AuditExporter.Commit"/> the page: only then does the checkpoint move past them.
/// </summary>
/// <param name="applicationIndex">0 for the first application of the run.</param>
/// <param name="exportedBefore">The application's events this run exported before this page.</param>
public sealed class AuditPage(ApiPage source, string application, int applicationIndex, int applicationCount,
    IReadOnlyList<JsonElement> events, IReadOnlyList<KeyValuePair<long, string>> keys, long exportedBefore) : IDisposable
{
    public string Application { get; } = application;

    public int ApplicationIndex { get; } = applicationIndex;

    public int ApplicationCount { get; } = applicationCount;

    public IReadOnlyList<JsonElement> Events { get; } = events;

    /// <summary>The application's events in this run's window, as the server counts them (metadata.totalRecords).</summary>
    public long? TotalRecords => source.TotalItems;

    public long ExportedBefore { get; } = exportedBefore;

    internal IReadOnlyList<KeyValuePair<long, string>> Keys { get; } = keys;

    public void Dispose() => source.Dispose();
}
