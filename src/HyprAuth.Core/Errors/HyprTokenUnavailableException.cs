namespace HyprAuth.Core.Errors;

/// <summary>The token cache cannot supply a token for a connection, and says why.</summary>
public sealed class HyprTokenUnavailableException(TokenUnavailableReason reason, string message) : HyprAuthException(message)
{
    public TokenUnavailableReason Reason { get; } = reason;
}
