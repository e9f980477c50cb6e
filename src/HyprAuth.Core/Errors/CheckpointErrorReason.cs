namespace HyprAuth.Core.Errors;

/// <summary>Why an audit checkpoint cannot be used. Each value maps to its own stable ErrorId in the cmdlets.</summary>
public enum CheckpointErrorReason
{
    /// <summary>The file is not a checkpoint HyprAuth wrote (truncated, edited, another format): never silently restarted.</summary>
    Damaged,

    /// <summary>Another export holds the checkpoint beyond the bounded wait.</summary>
    Busy,

    /// <summary>The file, its folder or its lock cannot be read or written, or the path is a link.</summary>
    Inaccessible,
}
