namespace HyprAuth;

/// <summary>
/// The exception behind every HyprAuth ErrorRecord, so scripts can catch [HyprAuth.HyprException] and read
/// what the server said. Its message never holds a key, an assertion or a token.
/// </summary>
public sealed class HyprException : Exception
{
    internal HyprException(string message, string errorId, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
    }

    public string ErrorId { get; }

    /// <summary>The HTTP status the server answered with, when there was an answer.</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>HYPR's error code (e.g. 1201047), when the server gave one.</summary>
    public long? HyprErrorCode { get; internal set; }

    /// <summary>The OAuth error (e.g. invalid_client), when the server gave one.</summary>
    public string? OAuthError { get; internal set; }

    /// <summary>The server's own message, with anything secret removed.</summary>
    public string? ServerMessage { get; internal set; }

    /// <summary>The endpoint, without its query string.</summary>
    public Uri? Endpoint { get; internal set; }

    public TimeSpan? RetryAfter { get; internal set; }
}
