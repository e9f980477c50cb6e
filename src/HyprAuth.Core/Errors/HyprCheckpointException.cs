using System;

namespace HyprAuth.Core.Errors;

/// <summary>The audit export's checkpoint file cannot be used; <see cref="Reason"/> says why and the message what to do.</summary>
public sealed class HyprCheckpointException(CheckpointErrorReason reason, string path, string message, Exception? innerException = null)
    : HyprAuthException(message, innerException)
{
    public CheckpointErrorReason Reason { get; } = reason;

    public string Path { get; } = path;
}
