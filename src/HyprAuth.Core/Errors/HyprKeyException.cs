namespace HyprAuth.Core.Errors;

/// <summary>The key material could not be used; <see cref="Reason"/> says why, the message says it in words.</summary>
public sealed class HyprKeyException : HyprAuthException
{
    public HyprKeyException(KeyErrorReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public KeyErrorReason Reason { get; }
}
