using System;
using System.Management.Automation;
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
        switch (exception)
        {
            case HyprException ours:
                return Record(ours, CategoryOf(ours.ErrorId), target, ours.ErrorId == ErrorIds.ClientKeyWrongType
                    ? KeyErrors.RecommendedAction : null);
            case HyprKeyException key:
                (string keyErrorId, ErrorCategory keyCategory) = KeyErrors.For(key.Reason);
                return Record(new HyprException(key.Message, keyErrorId), keyCategory, target, KeyErrors.ActionFor(key.Reason));
            case HyprArgumentException argument:
                return Record(new HyprException(argument.Message, ErrorIds.InvalidArgumentPrefix + argument.ParameterName),
                    ErrorCategory.InvalidArgument, target, null);
            case HyprProtocolException protocol:
                return FromProtocol(protocol);
            case HyprInvalidResponseException invalid:
                return Record(
                    new HyprException(invalid.Message, ErrorIds.HyprInvalidResponse) { StatusCode = invalid.StatusCode, Endpoint =
                        invalid.Endpoint },
                    ErrorCategory.InvalidResult,
                    invalid.Endpoint,
                    "The server's answer was not what HYPR's API returns. Check -TenantUri " +
                        "and -TokenEndpoint, and any proxy between you and the tenant.");
            case HyprRedirectException redirect:
                return Record(
                    new HyprException(redirect.Message, ErrorIds.HyprRedirectNotFollowed) { StatusCode = redirect.StatusCode, Endpoint =
                        redirect.Endpoint },
                    ErrorCategory.SecurityError,
                    redirect.Endpoint,
                    "Use the tenant's final address as -TenantUri. HyprAuth does not send the assertion or the token to another host.");
            case HyprTimeoutException timeout:
                return Record(
                    new HyprException(timeout.Message, ErrorIds.HyprRequestTimedOut) { Endpoint = timeout.Endpoint },
                    ErrorCategory.OperationTimeout,
                    timeout.Endpoint,
                    "Raise -TimeoutSec, or check the network path and proxy to the tenant.");
            case HyprTokenUnavailableException unavailable:
                bool cleared = unavailable.Reason == TokenUnavailableReason.Cleared;
                return Record(
                    new HyprException(unavailable.Message, cleared ? ErrorIds.HyprTokenCacheCleared : ErrorIds.HyprTokenCannotRenew),
                    ErrorCategory.AuthenticationError,
                    target,
                    cleared
                        ? "Run Connect-Hypr (or Get-HyprAccessToken) again with the client's " +
                            "key; Clear-HyprTokenCache removed this client's cache entry."
                        : "The token came from a ready assertion, so it cannot be renewed: " +
                            "run Get-HyprAccessToken with -ClientKey or -KeyPath instead.");
            case HyprTokenStoreException store:
                return FromTokenStore(store);
            case HyprCheckpointException checkpoint:
                return FromCheckpoint(checkpoint);
            case HyprTlsException tls:
                return Record(
                    new HyprException(tls.Message, ErrorIds.HyprTlsFailed, tls.InnerException) { Endpoint = tls.Endpoint },
                    ErrorCategory.SecurityError,
                    tls.Endpoint,
                    "Check -TenantUri (the certificate must name that host), the computer's trusted root authorities, and any " +
                        "TLS-inspecting proxy: its authority must be trusted. HyprAuth has no switch to skip certificate validation.");
            case HyprTransportException transport:
                return Record(
                    new HyprException(transport.Message, ErrorIds.HyprConnectionFailed, transport.InnerException) { Endpoint =
                        transport.Endpoint },
                    ErrorCategory.ConnectionError,
                    transport.Endpoint,
                    "Check the tenant's address, DNS, the proxy settings (-Proxy) and TLS inspection between you and the tenant.");
            default:
                throw new ArgumentException("Not a HyprAuth error: " + exception.GetType().FullName, nameof(exception));
        }
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

    private static ErrorRecord FromTokenStore(HyprTokenStoreException store)
    {
        switch (store.Reason)
        {
            case TokenStoreErrorReason.FolderPermissionsTooBroad:
                return Record(new HyprException(store.Message, ErrorIds.TokenCacheFolderTooOpen), ErrorCategory.SecurityError, store.Path,
                    "Restrict the folder to its owner (chmod 700), or remove it; HyprAuth recreates it with the right mode.");
            case TokenStoreErrorReason.FilePermissionsTooBroad:
                return Record(new HyprException(store.Message, ErrorIds.TokenCacheFileTooOpen), ErrorCategory.SecurityError, store.Path,
                    "Restrict the file to its owner (chmod 600), or remove it (Clear-HyprTokenCache -Location CurrentUser).");
            case TokenStoreErrorReason.NotOwned:
                return Record(new HyprException(store.Message, ErrorIds.TokenCacheNotOwned), ErrorCategory.SecurityError, store.Path,
                    "Remove the folder or file (another user owns it), or set HYPRAUTH_TOKEN_CACHE_PATH to a folder the current user owns.");
            case TokenStoreErrorReason.SymbolicLink:
                return Record(new HyprException(store.Message, ErrorIds.TokenCacheSymbolicLink), ErrorCategory.SecurityError, store.Path,
                    "Remove the symbolic link, or set HYPRAUTH_TOKEN_CACHE_PATH to a real folder the current user owns.");
            default:
                return Record(new HyprException(store.Message, ErrorIds.TokenCacheInaccessible, store.InnerException),
                    ErrorCategory.PermissionDenied, store.Path,
                    "Check that the current user can create and write the cache folder, or set HYPRAUTH_TOKEN_CACHE_PATH to a folder it owns.");
        }
    }

    private static ErrorRecord FromCheckpoint(HyprCheckpointException checkpoint)
    {
        switch (checkpoint.Reason)
        {
            case CheckpointErrorReason.Damaged:
                return Record(new HyprException(checkpoint.Message, ErrorIds.CheckpointDamaged, checkpoint.InnerException),
                    ErrorCategory.InvalidData, checkpoint.Path,
                    "Restore the checkpoint from a backup, or move it away to export again " +
                        "from -Since (events already exported would be exported again).");
            case CheckpointErrorReason.Busy:
                return Record(new HyprException(checkpoint.Message, ErrorIds.CheckpointBusy), ErrorCategory.ResourceBusy, checkpoint.Path,
                    "Another export holds the checkpoint: let it finish, or schedule the runs so that they do not overlap.");
            default:
                return Record(new HyprException(checkpoint.Message, ErrorIds.CheckpointInaccessible, checkpoint.InnerException),
                    ErrorCategory.PermissionDenied, checkpoint.Path,
                    "Give -Checkpoint the path of a regular file (not a link) in a folder the account owns and can write, " +
                        "which other users cannot write to (unless it is sticky, as /tmp).");
        }
    }

    private static (string, ErrorCategory, string) Classify(HyprProtocolException protocol)
    {
        // A scope or rpAppId refusal (HYPR sends it as 1201046 with 403 insufficient_scope): a new token does not help.
        if (!protocol.IsTokenExchange
            && (protocol.HyprErrorCode is null || protocol.HyprErrorCode == HyprErrorCodes.TokenInvalidOrExpired)
            && (protocol.StatusCode == 403 || string.Equals(protocol.OAuthError, "insufficient_scope", StringComparison.Ordinal)))
        {
            return (ErrorIds.HyprInsufficientScope, ErrorCategory.PermissionDenied,
                "Grant the client the scope and rpAppId this call needs in HYPR Control Center, then get a new token.");
        }

        switch (protocol.HyprErrorCode)
        {
            case HyprErrorCodes.InvalidTokenRequest:
                return (ErrorIds.HyprInvalidTokenRequest, ErrorCategory.InvalidArgument,
                    "Use OAuth client credentials only for API scopes, and set the token TTL to at least 60 seconds in HYPR Control Center.");
            case HyprErrorCodes.TokenInvalidOrExpired:
                return (ErrorIds.HyprTokenInvalidOrExpired, protocol.StatusCode == 403 ? ErrorCategory.PermissionDenied
                    : ErrorCategory.AuthenticationError,
                    "Get a new token (Get-HyprAccessToken -Force); check that it is a " +
                        "CLIENT_CREDENTIALS token whose scope and rpAppId cover this call.");
            case HyprErrorCodes.InvalidTokenExchange:
                return (ErrorIds.HyprInvalidTokenExchange, ErrorCategory.AuthenticationError,
                    "Check that the key matches the public key (JWKS) registered for the client, that the assertion has not expired and " +
                        "its iss, aud and sub are right, and that it carries a kid. Test-HyprClientAssertion checks an assertion locally.");
            case HyprErrorCodes.TokenExchangeThrottled:
                return (ErrorIds.HyprTokenExchangeThrottled, ErrorCategory.LimitsExceeded,
                    "The client holds too many active tokens. Reuse a token until it expires (HyprAuth's " +
                        "cache does; avoid -Force), and let old tokens expire or revoke them in Control Center.");
            case HyprErrorCodes.TooManyRequests:
                return (ErrorIds.HyprRateLimited, ErrorCategory.LimitsExceeded,
                    "Too many requests: wait for the Retry-After period, lower the request rate, or raise -MaximumRetryCount.");
        }

        if (protocol.IsTokenExchange && protocol.StatusCode == 404)
        {
            // Nothing answers there: the address is wrong (a tenant URI with a path, a wrong -TokenEndpoint), not the key.
            return (ErrorIds.HyprTokenEndpointNotFound, ErrorCategory.ObjectNotFound,
                "Check the address: -TenantUri is the bare tenant address (e.g. https://tenant.hypr.com, " +
                    "without a path), and -TokenEndpoint, if given, is the token endpoint's full URI.");
        }

        if (protocol.IsTokenExchange && protocol.StatusCode >= 400 && protocol.StatusCode < 500 && protocol.StatusCode != 429)
        {
            // A refusal without HYPR's code, e.g. from another RFC 7523 server: the same causes as 1201047.
            return (ErrorIds.HyprInvalidTokenExchange, ErrorCategory.AuthenticationError,
                "Check the client id, that the key matches the public key registered for the client, the assertion's iss " +
                    "and aud (-Issuer, -Audience) and -GrantType. Test-HyprClientAssertion checks an assertion locally.");
        }

        if (protocol.StatusCode == 401)
        {
            return (ErrorIds.HyprTokenInvalidOrExpired, ErrorCategory.AuthenticationError,
                "Get a new token (Get-HyprAccessToken -Force) and check the client's credentials.");
        }

        if (protocol.StatusCode == 429)
        {
            return (ErrorIds.HyprRateLimited, ErrorCategory.LimitsExceeded,
                "Too many requests: wait for the Retry-After period, lower the request rate, or raise -MaximumRetryCount.");
        }

        return (ErrorIds.HyprRequestFailed, protocol.StatusCode >= 500 ? ErrorCategory.ConnectionError : ErrorCategory.InvalidOperation,
            protocol.StatusCode >= 500 ? "The tenant reported a server error; try again later."
                : "Check the request's path, method, body and query.");
    }

    private static ErrorCategory CategoryOf(string errorId)
    {
        switch (errorId)
        {
            case ErrorIds.NoConnection: return ErrorCategory.InvalidOperation;
            case ErrorIds.EnvironmentVariableMissing: return ErrorCategory.ObjectNotFound;
            case ErrorIds.OutFileWriteFailed: return ErrorCategory.WriteError;
            case ErrorIds.HyprInvalidResponse: return ErrorCategory.InvalidResult;
            case ErrorIds.PublicKeyInvalid: return ErrorCategory.InvalidData;
            default: return ErrorCategory.InvalidArgument;
        }
    }

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
