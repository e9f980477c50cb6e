namespace HyprAuth.Core.Diagnostics;

/// <summary>One progress update, shaped like PowerShell's ProgressRecord so the cmdlets copy it field by field.</summary>
public sealed class HyprProgress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1, bool completed = false)
{
    public string Activity { get; } = activity;

    public string Status { get; } = status;

    /// <summary>0 to 100, or -1 when unknown.</summary>
    public int PercentComplete { get; } = percentComplete;

    /// <summary>-1 when unknown.</summary>
    public int SecondsRemaining { get; } = secondsRemaining;

    /// <summary>True for the update that removes the progress bar.</summary>
    public bool Completed { get; } = completed;

    public override string ToString() => Activity + ": " + Status;
}
