using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Errors;
using HyprAuth.Internal;

namespace HyprAuth.Commands
{
    /// <summary>
    /// What every HyprAuth cmdlet shares: Ctrl+C cancels the engine at once (StopProcessing), engine work runs
    /// off the pipeline thread while its reports are written from it, and engine errors become ErrorRecords.
    /// </summary>
    public abstract class HyprCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken Cancellation => _stopping.Token;

        public void Dispose() => _stopping.Dispose();

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Runs engine work and blocks the pipeline thread until it ends, writing its verbose, warning and progress.</summary>
        internal T RunEngine<T>(Func<IHyprEvents, CancellationToken, Task<T>> work)
        {
            using (var pump = new PipelineEventPump())
            {
                Task<T> task = Task.Run(() => work(pump, Cancellation), Cancellation);
                try
                {
                    return pump.Run(this, task);
                }
                catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
            }
        }

        /// <summary>A bad invocation: ends the cmdlet (SecretManagement's rule: ThrowTerminatingError).</summary>
        internal void ThrowFor(Exception exception, object? target) =>
            ThrowTerminatingError(ErrorRecordFactory.Create(exception, target));

        /// <summary>One failed item of pipeline input: reported, and the pipeline goes on.</summary>
        internal void WriteErrorFor(Exception exception, object? target) =>
            WriteError(ErrorRecordFactory.Create(exception, target));
    }
}
