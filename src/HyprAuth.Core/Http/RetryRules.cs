using System;
using System.Collections.Generic;
using System.Net.Http;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Http;

/// <summary>
/// Which failures are worth another attempt, for the API and the token exchange alike: the one place that decides
/// (tests/HyprAuth.Core.Tests/Http/RetryRulesTests.cs pins every rule, about_HyprAuth's "Retries" tells users).
/// How long to wait is <see cref="RetryPolicy"/>'s; whether a retry is left is <see cref="RetryWaiter"/>'s.
/// </summary>
internal static class RetryRules
{
    private static readonly HashSet<string> IdempotentMethods =
        new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" };

    /// <summary>429 and 503 mean the server did not process the request, so any method may repeat; 502 and 504 only idempotent ones.</summary>
    public static bool ApiStatus(int status, HttpMethod method) => status is 429 or 503 || (status is 502 or 504 && IsIdempotent(method));

    /// <summary>A connection failure may have reached the server, so only a method that is safe to repeat goes again.</summary>
    public static bool ApiFailure(HyprTransportException failure, HttpMethod method) => failure.Retryable && IsIdempotent(method);

    /// <summary>
    /// 429 and 503 say the exchange was not processed; 502 and 504 come from a gateway. Never HYPR's 1201093, whatever
    /// its status: only a token expiring helps. A fixed assertion may have been consumed behind a failing gateway, so
    /// only an exchange that signs a fresh assertion (<paramref name="signsItsAssertions"/>) goes again after a 502 or 504.
    /// </summary>
    public static bool ExchangeStatus(int status, long? hyprErrorCode, bool signsItsAssertions) =>
        hyprErrorCode != HyprErrorCodes.TokenExchangeThrottled
        && (status is 429 or 503 || (signsItsAssertions && status is 502 or 504));

    /// <summary>
    /// Connection failures only with a fresh assertion (a fixed one may have been consumed). Timeouts
    /// (<see cref="HyprTimeoutException"/>) are never retried, here or for the API: the caller's timeout is the
    /// longest it wants to wait for an answer.
    /// </summary>
    public static bool ExchangeFailure(HyprTransportException failure, bool signsItsAssertions) => failure.Retryable && signsItsAssertions;

    private static bool IsIdempotent(HttpMethod method) => IdempotentMethods.Contains(method.Method);
}
