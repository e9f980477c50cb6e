using System;

namespace HyprAuth.Core.Errors;

/// <summary>The audit export's checkpoint file cannot be used; <see cref="Reason"/> says why and the message what to do.</summary>
public sealed class HyprCheckpointException : HyprAuthException
{
    public HyprCheckpointException(CheckpointErrorReason reason, string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Path = path;
    }

    public CheckpointErrorReason Reason { get; }

    public string Path { get; }
}
