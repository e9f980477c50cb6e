using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Internal;

/// <summary>
/// The engine reports from thread-pool threads, but a cmdlet may write only from the pipeline thread:
/// events are queued here and written by the pipeline thread while it waits for the engine's task.
/// The pipeline thread sleeps on a monitor (no spinning) and is woken once per event and once at the end.
/// </summary>
internal sealed class PipelineEventPump : IHyprEvents, IDisposable
{
    private const int ProgressActivityId = 0x4859;
    private readonly object gate = new object();
    private readonly Queue<Action<Cmdlet>> pending = new Queue<Action<Cmdlet>>();
    private bool completed;
    private bool progressShown;

    public void Verbose(string message) => Post(cmdlet => cmdlet.WriteVerbose(message));

    public void Warning(string message) => Post(cmdlet => cmdlet.WriteWarning(message));

    public void Progress(HyprProgress progress) => Post(cmdlet => WriteProgress(cmdlet, progress));

    /// <summary>Writes queued events until <paramref name="task"/> ends, then returns its result or throws its exception.</summary>
    public T Run<T>(Cmdlet cmdlet, Task<T> task)
    {
        task.ContinueWith(static (_, state) => ((PipelineEventPump)state!).Complete(), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (true)
        {
            Action<Cmdlet> write;
            lock (gate)
            {
                while (pending.Count == 0 && !completed)
                {
                    Monitor.Wait(gate);
                }

                if (pending.Count == 0)
                {
                    break;
                }

                write = pending.Dequeue();
            }

            write(cmdlet);
        }

        if (progressShown)
        {
            cmdlet.WriteProgress(new ProgressRecord(ProgressActivityId, "HyprAuth", "Done") { RecordType = ProgressRecordType.Completed });
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Late reports (from engine work that outlived the cmdlet) are dropped from here on.</summary>
    public void Dispose() => Complete();

    private void Complete()
    {
        lock (gate)
        {
            completed = true;
            Monitor.PulseAll(gate);
        }
    }

    private void Post(Action<Cmdlet> write)
    {
        lock (gate)
        {
            if (completed)
            {
                // The cmdlet moved on, and a late report has no one to read it.
                return;
            }

            pending.Enqueue(write);
            Monitor.Pulse(gate);
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
