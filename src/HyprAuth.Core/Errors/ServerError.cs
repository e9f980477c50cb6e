namespace HyprAuth.Core.Errors;

/// <summary>What an error response said, parsed tolerantly from its body and WWW-Authenticate header. Text is redacted.</summary>
public sealed class ServerError
{
    public ServerError(long? hyprErrorCode, string? oauthError, string? message, string? wwwAuthenticateError, string? requiredScope)
    {
        HyprErrorCode = hyprErrorCode;
        OAuthError = oauthError;
        Message = message;
        WwwAuthenticateError = wwwAuthenticateError;
        RequiredScope = requiredScope;
    }

    public long? HyprErrorCode { get; }

    public string? OAuthError { get; }

    public string? Message { get; }

    /// <summary>The error parameter of a Bearer challenge (invalid_token, insufficient_scope).</summary>
    public string? WwwAuthenticateError { get; }

    /// <summary>The scope parameter of a Bearer challenge.</summary>
    public string? RequiredScope { get; }
}
