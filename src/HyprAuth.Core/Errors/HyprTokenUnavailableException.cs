namespace HyprAuth.Core.Errors;

/// <summary>The token cache cannot supply a token for a connection, and says why.</summary>
public sealed class HyprTokenUnavailableException : HyprAuthException
{
    public HyprTokenUnavailableException(TokenUnavailableReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public TokenUnavailableReason Reason { get; }
}
