using System;

namespace HyprAuth.Core.Errors;

/// <summary>
/// The persistent token cache cannot be used safely; <see cref="Reason"/> says why and the message says how to fix it.
/// A damaged cache file is not an error (it is discarded with a warning): only what the user must act on is.
/// </summary>
public sealed class HyprTokenStoreException : HyprAuthException
{
    public HyprTokenStoreException(TokenStoreErrorReason reason, string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Path = path;
    }

    public TokenStoreErrorReason Reason { get; }

    /// <summary>The folder or file concerned.</summary>
    public string Path { get; }
}
