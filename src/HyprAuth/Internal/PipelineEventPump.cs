using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Internal
{
    /// <summary>
    /// The engine reports from thread-pool threads, but a cmdlet may write only from the pipeline thread:
    /// events are queued here and written by the pipeline thread while it waits for the engine's task.
    /// </summary>
    internal sealed class PipelineEventPump : IHyprEvents, IDisposable
    {
        private const int ProgressActivityId = 0x4859;
        private readonly BlockingCollection<Action<Cmdlet>> _queue = new BlockingCollection<Action<Cmdlet>>();
        private bool _progressShown;

        public void Verbose(string message) => Post(cmdlet => cmdlet.WriteVerbose(message));

        public void Warning(string message) => Post(cmdlet => cmdlet.WriteWarning(message));

        public void Progress(HyprProgress progress) => Post(cmdlet => WriteProgress(cmdlet, progress));

        /// <summary>Writes queued events until <paramref name="task"/> ends, then returns its result or throws its exception.</summary>
        public T Run<T>(Cmdlet cmdlet, Task<T> task)
        {
            task.ContinueWith(_ => _queue.CompleteAdding(), TaskScheduler.Default);
            foreach (Action<Cmdlet> write in _queue.GetConsumingEnumerable())
            {
                write(cmdlet);
            }

            if (_progressShown)
            {
                cmdlet.WriteProgress(new ProgressRecord(ProgressActivityId, "HyprAuth", "Done") { RecordType = ProgressRecordType.Completed });
            }

            return task.GetAwaiter().GetResult();
        }

        public void Dispose() => _queue.Dispose();

        private void Post(Action<Cmdlet> write)
        {
            try
            {
                _queue.Add(write);
            }
            catch (InvalidOperationException)
            {
                // Completed or disposed (ObjectDisposedException derives from this): the cmdlet moved on,
                // and a late report has no one to read it.
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
            _progressShown = !progress.Completed;
            cmdlet.WriteProgress(record);
        }
    }
}
