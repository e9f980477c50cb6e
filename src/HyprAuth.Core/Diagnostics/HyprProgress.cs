namespace HyprAuth.Core.Diagnostics;

/// <summary>One progress update, shaped like PowerShell's ProgressRecord so the cmdlets copy it field by field.</summary>
public sealed class HyprProgress
{
    public HyprProgress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1, bool completed = false)
    {
        Activity = activity;
        Status = status;
        PercentComplete = percentComplete;
        SecondsRemaining = secondsRemaining;
        Completed = completed;
    }

    public string Activity { get; }

    public string Status { get; }

    /// <summary>0 to 100, or -1 when unknown.</summary>
    public int PercentComplete { get; }

    /// <summary>-1 when unknown.</summary>
    public int SecondsRemaining { get; }

    /// <summary>True for the update that removes the progress bar.</summary>
    public bool Completed { get; }

    public override string ToString() => Activity + ": " + Status;
}
