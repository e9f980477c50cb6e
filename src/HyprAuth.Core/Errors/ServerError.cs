namespace HyprAuth.Core.Errors;

/// <summary>What an error response said, parsed tolerantly from its body and WWW-Authenticate header. Text is redacted.</summary>
public sealed class ServerError(long? hyprErrorCode, string? oauthError, string? message, string? wwwAuthenticateError, string? requiredScope)
{
    public long? HyprErrorCode { get; } = hyprErrorCode;

    public string? OAuthError { get; } = oauthError;

    public string? Message { get; } = message;

    /// <summary>The error parameter of a Bearer challenge (invalid_token, insufficient_scope).</summary>
    public string? WwwAuthenticateError { get; } = wwwAuthenticateError;

    /// <summary>The scope parameter of a Bearer challenge.</summary>
    public string? RequiredScope { get; } = requiredScope;
}
