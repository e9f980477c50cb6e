using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Core.Tests.TestSupport;

/// <summary>Keeps every event, so tests can check what a user would have read.</summary>
internal sealed class RecordingEvents : IHyprEvents
{
    private readonly ConcurrentQueue<string> verbose = new ConcurrentQueue<string>();
    private readonly ConcurrentQueue<string> warnings = new ConcurrentQueue<string>();
    private readonly ConcurrentQueue<HyprProgress> progress = new ConcurrentQueue<HyprProgress>();

    public IReadOnlyList<string> VerboseMessages => verbose.ToList();

    public IReadOnlyList<string> Warnings => warnings.ToList();

    public IReadOnlyList<HyprProgress> ProgressUpdates => progress.ToList();

    /// <summary>Everything written, for secret-leak checks.</summary>
    public IEnumerable<string> AllText =>
        verbose.Concat(warnings).Concat(progress.Select(p => p.Activity + " " + p.Status));

    public void Verbose(string message) => verbose.Enqueue(message);

    public void Warning(string message) => warnings.Enqueue(message);

    /// <summary>Called after each progress update is recorded, e.g. to cancel once a retry wait has begun.</summary>
    public Action<HyprProgress>? OnProgress { get; set; }

    public void Progress(HyprProgress update)
    {
        progress.Enqueue(update);
        OnProgress?.Invoke(update);
    }
}
