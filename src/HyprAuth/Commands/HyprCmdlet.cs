using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Commands;

/// <summary>
/// What every HyprAuth cmdlet shares: Ctrl+C cancels the engine at once (StopProcessing), engine work runs
/// off the pipeline thread while its reports are written from it, and engine errors become ErrorRecords.
/// </summary>
public abstract class HyprCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource stopping = new CancellationTokenSource();

    protected CancellationToken Cancellation => stopping.Token;

    public void Dispose() => stopping.Dispose();

    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>Runs engine work and blocks the pipeline thread until it ends, writing its verbose, warning and progress.</summary>
    internal T RunEngine<T>(Func<IHyprEvents, CancellationToken, Task<T>> work)
    {
        using var pump = new PipelineEventPump();
        using var call = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        Task<T> task = Start(work, pump, call.Token);
        try
        {
            return pump.Run(this, task);
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            if (!task.IsCompleted)
            {
                // The pipeline thread left early (a Stop preference on a verbose line, a stopped pipeline): the engine
                // must not go on sending requests, such as a retried POST, whose outcome no one will see.
                call.Cancel();
                try
                {
                    task.Wait();
                }
                catch (AggregateException)
                {
                    // Observed; the error that left the pipeline thread is the one the caller gets.
                }
            }
        }
    }

    /// <summary>
    /// Starts the engine's work on this thread, without a thread-pool hop (most of a warm call's cost otherwise): the
    /// engine awaits with ConfigureAwait(false) throughout, and no SynchronizationContext is visible while it starts,
    /// so no continuation comes back to the pipeline thread.
    /// </summary>
    private static Task<T> Start<T>(Func<IHyprEvents, CancellationToken, Task<T>> work, PipelineEventPump pump,
        CancellationToken cancellationToken)
    {
        SynchronizationContext? context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return work(pump, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <summary>A bad invocation: ends the cmdlet (SecretManagement's rule: ThrowTerminatingError).</summary>
    internal void ThrowFor(Exception exception, object? target) =>
        ThrowTerminatingError(ErrorRecordFactory.Create(exception, target));

    /// <summary>One failed item of pipeline input: reported, and the pipeline goes on.</summary>
    internal void WriteErrorFor(Exception exception, object? target) =>
        WriteError(ErrorRecordFactory.Create(exception, target));

    /// <summary>
    /// A failed call: one failed item of pipeline input is reported and the next item goes on; a call whose request
    /// came from its arguments ends the command, so try/catch sees it and a script does not go on with nothing
    /// (Invoke-RestMethod's rule).
    /// </summary>
    internal void FailFor(Exception exception, object? target)
    {
        if (MyInvocation.ExpectingInput)
        {
            WriteErrorFor(exception, target);
        }
        else
        {
            ThrowFor(exception, target);
        }
    }
}
