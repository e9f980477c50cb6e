using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace HyprAuth.Core.Errors;

/// <summary>
/// The server answered with an error status. Carries what the server said, parsed and redacted, and the
/// response's headers; never the request or response objects (their ToString prints the Authorization header).
/// </summary>
public sealed class HyprProtocolException(
    int statusCode,
    Uri endpoint,
    ServerError error,
    TimeSpan? retryAfter = null,
    string? diagnosis = null,
    bool isTokenExchange = false,
    IReadOnlyDictionary<string, string[]>? headers = null,
    DateTimeOffset? retryAt = null)
    : HyprAuthException(ComposeMessage(statusCode, endpoint, error, diagnosis, retryAt))
{
    public int StatusCode { get; } = statusCode;

    /// <summary>
    /// The error response's headers and its content's, names compared case-insensitively (for -ResponseHeadersVariable);
    /// never the request's. As they came: they may carry cookies or other secrets, so they are never in the message.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Headers { get; } = headers ?? Http.ResponseHeaders.None;

    /// <summary>The URI that answered, without its query string.</summary>
    public Uri Endpoint { get; } = endpoint;

    /// <summary>Everything parsed from the error body and the WWW-Authenticate header.</summary>
    public ServerError Error { get; } = error;

    /// <summary>HYPR's numeric code (1201023, 1201046, 1201047, 1201093, 1202500...), when the body carried one.</summary>
    public long? HyprErrorCode => Error.HyprErrorCode;

    /// <summary>The OAuth error code (invalid_request, invalid_token...), from the body or the WWW-Authenticate header.</summary>
    public string? OAuthError => Error.OAuthError;

    /// <summary>The server's own words, redacted and capped.</summary>
    public string? ServerMessage => Error.Message;

    public string? RequiredScope => Error.RequiredScope;

    public string? WwwAuthenticateError => Error.WwwAuthenticateError;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>When the server's Retry-After ends, by the local clock; null without one.</summary>
    public DateTimeOffset? RetryAt { get; } = retryAt;

    /// <summary>The likely cause found by local checks (for 1201047: the checks of the assertion that was sent).</summary>
    public string? Diagnosis { get; } = diagnosis;

    /// <summary>True when the token endpoint refused the exchange, false when the API refused a call.</summary>
    public bool IsTokenExchange { get; } = isTokenExchange;

    /// <summary>
    /// A scope or rpAppId refusal of an API call (HYPR sends it as 1201046 with 403 insufficient_scope): a new token
    /// does not help, only another grant in Control Center.
    /// </summary>
    public bool IsInsufficientScope =>
        !IsTokenExchange
            && (HyprErrorCode is null || HyprErrorCode == HyprErrorCodes.TokenInvalidOrExpired)
            && (StatusCode == 403 || string.Equals(OAuthError, "insufficient_scope", StringComparison.Ordinal));

    public HyprProtocolException WithDiagnosis(string diagnosis) =>
        new(StatusCode, Endpoint, Error, RetryAfter, diagnosis, IsTokenExchange, Headers, RetryAt);

    private static string ComposeMessage(int statusCode, Uri endpoint, ServerError error, string? diagnosis, DateTimeOffset? retryAt)
    {
        var message = new StringBuilder();
        message.Append(endpoint).Append(" answered HTTP ").Append(statusCode);

        var codes = string.Join(", ", new[] { error.HyprErrorCode is long code ? "HYPR error " + code : null, error.OAuthError }
            .Where(text => !string.IsNullOrEmpty(text)));
        if (codes.Length > 0)
        {
            message.Append(" (").Append(codes).Append(')');
        }

        if (!string.IsNullOrEmpty(error.Message))
        {
            message.Append(": ").Append(error.Message);
        }

        if (".!?…".IndexOf(message[message.Length - 1]) < 0)
        {
            message.Append('.');
        }

        if (!string.IsNullOrEmpty(error.RequiredScope))
        {
            message.Append(" Required scope: ").Append(error.RequiredScope).Append('.');
        }

        if (!string.IsNullOrEmpty(diagnosis))
        {
            message.Append(" Likely cause: ").Append(diagnosis);
        }

        if (retryAt.HasValue)
        {
            message.Append(" The server asks to try again after ")
                .Append(retryAt.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append("Z.");
        }

        return message.ToString();
    }
}
