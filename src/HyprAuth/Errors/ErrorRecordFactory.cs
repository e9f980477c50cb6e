using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;

namespace HyprAuth.Errors;

/// <summary>
/// Turns engine exceptions into ErrorRecords: a stable ErrorId, the right category, the endpoint or client as
/// target, and advice from HYPR's troubleshooting table. The exception users see is always a HyprException.
/// </summary>
internal static class ErrorRecordFactory
{
    internal static bool IsHyprError(Exception exception) => exception is HyprAuthException || exception is HyprException;

    internal static ErrorRecord Create(Exception exception, object? target)
    {
        // A -TenantUri or -Path as typed may hold a password or a query with anything in it; the target is shown and logged.
        target = target is string text ? EndpointPolicy.ForMessages(text) : target;
        return exception switch
        {
            HyprException ours => Record(ours, CategoryOf(ours.ErrorId), target,
                ours.ErrorId == ErrorIds.ClientKeyWrongType ? KeyErrors.RecommendedAction : null),
            HyprKeyException key => Local(key, (KeyErrors.For(key.Reason).ErrorId, KeyErrors.For(key.Reason).Category,
                KeyErrors.ActionFor(key.Reason)), target),
            HyprArgumentException argument => Local(argument, (ErrorIds.InvalidArgumentPrefix + argument.ParameterName,
                ErrorCategory.InvalidArgument, null), target),
            HyprProtocolException protocol => FromProtocol(protocol),
            HyprInvalidResponseException invalid => Wire(invalid, invalid.Endpoint, ErrorIds.HyprInvalidResponse, ErrorCategory.InvalidResult,
                "The server's answer was not what HYPR's API returns. Check -TenantUri " +
                    "and -TokenEndpoint, and any proxy between you and the tenant.", invalid.StatusCode),
            HyprRedirectException redirect => Wire(redirect, redirect.Endpoint, ErrorIds.HyprRedirectNotFollowed, ErrorCategory.SecurityError,
                "Use the tenant's final address as -TenantUri. HyprAuth does not send the assertion or the token to another host.",
                redirect.StatusCode),
            HyprTimeoutException timeout => Wire(timeout, timeout.Endpoint, ErrorIds.HyprRequestTimedOut, ErrorCategory.OperationTimeout,
                "Raise -TimeoutSec, or check the network path and proxy to the tenant."),
            HyprTokenUnavailableException { Reason: TokenUnavailableReason.Cleared } cleared => Local(cleared, (ErrorIds.HyprTokenCacheCleared,
                ErrorCategory.AuthenticationError, "Run Connect-Hypr (or Get-HyprAccessToken) again with the client's " +
                    "key; Clear-HyprTokenCache removed this client's cache entry."), target),
            HyprTokenUnavailableException unavailable => Local(unavailable, (ErrorIds.HyprTokenCannotRenew, ErrorCategory.AuthenticationError,
                "The token came from a ready assertion, so it cannot be renewed: " +
                    "run Get-HyprAccessToken with -ClientKey or -KeyPath instead."), target),
            HyprTokenStoreException store => Local(store, Classify(store.Reason), store.Path),
            HyprCheckpointException checkpoint => Local(checkpoint, Classify(checkpoint.Reason), checkpoint.Path),
            HyprTlsException tls => Wire(tls, tls.Endpoint, ErrorIds.HyprTlsFailed, ErrorCategory.SecurityError,
                "Check -TenantUri (the certificate must name that host), the computer's trusted root authorities, and any " +
                    "TLS-inspecting proxy: its authority must be trusted. HyprAuth has no switch to skip certificate validation."),
            HyprTransportException transport => Wire(transport, transport.Endpoint, ErrorIds.HyprConnectionFailed, ErrorCategory.ConnectionError,
                "Check the tenant's address, DNS, the proxy settings (-Proxy) and TLS inspection between you and the tenant."),
            _ => throw new ArgumentException("Not a HyprAuth error: " + exception.GetType().FullName, nameof(exception)),
        };
    }

    private static ErrorRecord FromProtocol(HyprProtocolException protocol)
    {
        (string errorId, ErrorCategory category, string advice) = Classify(protocol);
        var exception = new HyprException(protocol.Message, errorId)
        {
            StatusCode = protocol.StatusCode,
            HyprErrorCode = protocol.HyprErrorCode,
            OAuthError = protocol.OAuthError,
            ServerMessage = protocol.ServerMessage,
            Endpoint = protocol.Endpoint,
            RetryAfter = protocol.RetryAfter,
        };
        return Record(exception, category, protocol.Endpoint, advice);
    }

    private static (string, ErrorCategory, string?) Classify(TokenStoreErrorReason reason) => reason switch
    {
        TokenStoreErrorReason.FolderPermissionsTooBroad => (ErrorIds.TokenCacheFolderTooOpen, ErrorCategory.SecurityError,
            "Restrict the folder to its owner (chmod 700), or remove it; HyprAuth recreates it with the right mode."),
        TokenStoreErrorReason.FilePermissionsTooBroad => (ErrorIds.TokenCacheFileTooOpen, ErrorCategory.SecurityError,
            "Restrict the file to its owner (chmod 600), or remove it (Clear-HyprTokenCache -Location CurrentUser)."),
        TokenStoreErrorReason.NotOwned => (ErrorIds.TokenCacheNotOwned, ErrorCategory.SecurityError,
            "Remove the folder or file (another user owns it), or set HYPRAUTH_TOKEN_CACHE_PATH to a folder the current user owns."),
        TokenStoreErrorReason.SymbolicLink => (ErrorIds.TokenCacheSymbolicLink, ErrorCategory.SecurityError,
            "Remove the symbolic link, or set HYPRAUTH_TOKEN_CACHE_PATH to a real folder the current user owns."),
        _ => (ErrorIds.TokenCacheInaccessible, ErrorCategory.PermissionDenied,
            "Check that the current user can create and write the cache folder, or set HYPRAUTH_TOKEN_CACHE_PATH to a folder it owns."),
    };

    private static (string, ErrorCategory, string?) Classify(CheckpointErrorReason reason) => reason switch
    {
        CheckpointErrorReason.Damaged => (ErrorIds.CheckpointDamaged, ErrorCategory.InvalidData,
            "Restore the checkpoint from a backup, or move it away to export again " +
                "from -Since (events already exported would be exported again)."),
        CheckpointErrorReason.Busy => (ErrorIds.CheckpointBusy, ErrorCategory.ResourceBusy,
            "Another export holds the checkpoint: let it finish, or schedule the runs so that they do not overlap."),
        _ => (ErrorIds.CheckpointInaccessible, ErrorCategory.PermissionDenied,
            "Give -Checkpoint the path of a regular file (not a link) in a folder the account owns and can write, " +
                "which other users cannot write to (unless it is sticky, as /tmp)."),
    };

    private static (string, ErrorCategory, string) Classify(HyprProtocolException protocol) => protocol switch
    {
        // A scope or rpAppId refusal (HYPR sends it as 1201046 with 403 insufficient_scope): a new token does not help.
        { IsInsufficientScope: true } =>
            (ErrorIds.HyprInsufficientScope, ErrorCategory.PermissionDenied,
                "Grant the client the scope and rpAppId this call needs in HYPR Control Center, then get a new token."),
        { HyprErrorCode: HyprErrorCodes.InvalidTokenRequest } => (ErrorIds.HyprInvalidTokenRequest, ErrorCategory.InvalidArgument,
            "Use OAuth client credentials only for API scopes, and set the token TTL to at least 60 seconds in HYPR Control Center."),
        { HyprErrorCode: HyprErrorCodes.TokenInvalidOrExpired } => (ErrorIds.HyprTokenInvalidOrExpired,
            protocol.StatusCode == 403 ? ErrorCategory.PermissionDenied : ErrorCategory.AuthenticationError,
            "Get a new token (Get-HyprAccessToken -Force); check that it is a " +
                "CLIENT_CREDENTIALS token whose scope and rpAppId cover this call."),
        { HyprErrorCode: HyprErrorCodes.InvalidTokenExchange } => (ErrorIds.HyprInvalidTokenExchange, ErrorCategory.AuthenticationError,
            "Check that the key matches the public key (JWKS) registered for the client, that the assertion has not expired and " +
                "its iss, aud and sub are right, and that it carries a kid. Test-HyprClientAssertion checks an assertion locally."),
        { HyprErrorCode: HyprErrorCodes.TokenExchangeThrottled } => (ErrorIds.HyprTokenExchangeThrottled, ErrorCategory.LimitsExceeded,
            "The client holds too many active tokens. Reuse a token until it expires (HyprAuth's " +
                "cache does; avoid -Force), and let old tokens expire or revoke them in Control Center."),

        // HYPR's code or the bare status: no arm above or below matches a 429 that this one does not.
        { HyprErrorCode: HyprErrorCodes.TooManyRequests } or { StatusCode: 429 } => (ErrorIds.HyprRateLimited, ErrorCategory.LimitsExceeded,
            "Too many requests: wait for the Retry-After period, lower the request rate, or raise -MaximumRetryCount."),

        // Nothing answers there: the address is wrong (a tenant URI with a path, a wrong -TokenEndpoint), not the key.
        { IsTokenExchange: true, StatusCode: 404 } => (ErrorIds.HyprTokenEndpointNotFound, ErrorCategory.ObjectNotFound,
            "Check the address: -TenantUri is the bare tenant address (e.g. https://tenant.hypr.com, " +
                "without a path), and -TokenEndpoint, if given, is the token endpoint's full URI."),

        // A refusal without HYPR's code, e.g. from another RFC 7523 server: the same causes as 1201047.
        { IsTokenExchange: true, StatusCode: >= 400 and < 500 } => (ErrorIds.HyprInvalidTokenExchange, ErrorCategory.AuthenticationError,
            "Check the client id, that the key matches the public key registered for the client, the assertion's iss " +
                "and aud (-Issuer, -Audience) and -GrantType. Test-HyprClientAssertion checks an assertion locally."),
        { StatusCode: 401 } => (ErrorIds.HyprTokenInvalidOrExpired, ErrorCategory.AuthenticationError,
            "Get a new token (Get-HyprAccessToken -Force) and check the client's credentials."),
        { StatusCode: >= 500 } =>
            (ErrorIds.HyprRequestFailed, ErrorCategory.ConnectionError, "The tenant reported a server error; try again later."),
        _ => (ErrorIds.HyprRequestFailed, ErrorCategory.InvalidOperation, "Check the request's path, method, body and query."),
    };

    private static ErrorCategory CategoryOf(string errorId) => errorId switch
    {
        ErrorIds.NoConnection => ErrorCategory.InvalidOperation,
        ErrorIds.EnvironmentVariableMissing => ErrorCategory.ObjectNotFound,
        ErrorIds.OutFileWriteFailed => ErrorCategory.WriteError,
        ErrorIds.HyprInvalidResponse => ErrorCategory.InvalidResult,
        ErrorIds.PublicKeyInvalid => ErrorCategory.InvalidData,
        _ => ErrorCategory.InvalidArgument,
    };

    /// <summary>An error found here, before or without an answer from the server.</summary>
    private static ErrorRecord Local(HyprAuthException exception, (string ErrorId, ErrorCategory Category, string? Advice) kind, object? target) =>
        Record(new HyprException(exception.Message, kind.ErrorId, exception.InnerException), kind.Category, target, kind.Advice);

    /// <summary>An error on the way to or from an endpoint: the endpoint is its target.</summary>
    private static ErrorRecord Wire(HyprAuthException exception, Uri endpoint, string errorId, ErrorCategory category, string advice,
        int? statusCode = null) =>
        Record(new HyprException(exception.Message, errorId, exception.InnerException) { Endpoint = endpoint, StatusCode = statusCode },
            category, endpoint, advice);

    private static ErrorRecord Record(HyprException exception, ErrorCategory category, object? target, string? recommendedAction)
    {
        var record = new ErrorRecord(exception, exception.ErrorId, category, target);
        if (recommendedAction is not null)
        {
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
        }

        return record;
    }
}
