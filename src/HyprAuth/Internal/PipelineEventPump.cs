using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Internal;

/// <summary>
/// The engine reports from thread-pool threads, but a cmdlet may write only from the pipeline thread:
/// events are queued here and written by the pipeline thread while it waits for the engine's task.
/// The pipeline thread blocks on the queue (no polling) and is woken once per event and once at the end.
/// </summary>
internal sealed class PipelineEventPump : IHyprEvents, IDisposable
{
    private const int ProgressActivityId = 0x4859;

    // Never disposed: Dispose only marks it complete, so a late report from another thread finds it still usable (and refused).
    private readonly BlockingCollection<Action<Cmdlet>> pending = new();
    private bool progressShown;

    public void Verbose(string message) => Post(cmdlet => cmdlet.WriteVerbose(message));

    public void Warning(string message) => Post(cmdlet => cmdlet.WriteWarning(message));

    public void Progress(HyprProgress progress) => Post(cmdlet => WriteProgress(cmdlet, progress));

    /// <summary>Writes queued events until <paramref name="task"/> ends, then returns its result or throws its exception.</summary>
    public T Run<T>(Cmdlet cmdlet, Task<T> task)
    {
        task.ContinueWith(static (_, state) => ((PipelineEventPump)state!).Dispose(), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        foreach (Action<Cmdlet> write in pending.GetConsumingEnumerable())
        {
            write(cmdlet);
        }

        if (progressShown)
        {
            cmdlet.WriteProgress(new ProgressRecord(ProgressActivityId, "HyprAuth", "Done") { RecordType = ProgressRecordType.Completed });
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Late reports (from engine work that outlived the cmdlet) are dropped from here on.</summary>
    public void Dispose() => pending.CompleteAdding();

    private void Post(Action<Cmdlet> write)
    {
        try
        {
            pending.Add(write);
        }
        catch (InvalidOperationException)
        {
            // Completed: the cmdlet moved on, and a late report has no one to read it.
        }
    }

    private void WriteProgress(Cmdlet cmdlet, HyprProgress progress)
    {
        var record = new ProgressRecord(ProgressActivityId, progress.Activity, progress.Status)
        {
            PercentComplete = progress.PercentComplete,
            SecondsRemaining = progress.SecondsRemaining,
            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        progressShown = !progress.Completed;
        cmdlet.WriteProgress(record);
    }
}
