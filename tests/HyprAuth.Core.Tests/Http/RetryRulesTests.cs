using System;
using System.Net.Http;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;
using Xunit;

namespace HyprAuth.Core.Tests.Http;

/// <summary>Every retry decision, in one table per kind of request: changing a rule changes one row here.</summary>
public sealed class RetryRulesTests
{
    [Theory]
    [InlineData(429, "POST", true)] // not processed: any method
    [InlineData(503, "POST", true)]
    [InlineData(502, "GET", true)] // a gateway's: only methods that are safe to repeat
    [InlineData(504, "DELETE", true)]
    [InlineData(502, "POST", false)]
    [InlineData(504, "PATCH", false)]
    [InlineData(500, "GET", false)]
    [InlineData(500, "POST", false)]
    [InlineData(400, "GET", false)]
    [InlineData(401, "GET", false)] // renewed once by ApiClient, not retried
    [InlineData(403, "GET", false)]
    [InlineData(404, "GET", false)]
    public void Api_statuses(int status, string method, bool retried) =>
        Assert.Equal(retried, RetryRules.ApiStatus(status, new HttpMethod(method)));

    [Theory]
    [InlineData("GET", true, true)]
    [InlineData("PUT", true, true)]
    [InlineData("POST", true, false)]
    [InlineData("GET", false, false)] // a host name that does not resolve
    public void Api_connection_failures(string method, bool retryable, bool retried) =>
        Assert.Equal(retried, RetryRules.ApiFailure(Failure(retryable), new HttpMethod(method)));

    [Theory]
    [InlineData(429, null, true, true)]
    [InlineData(503, null, false, true)]
    [InlineData(502, null, true, true)]
    [InlineData(504, null, false, false)] // a fixed assertion is never resent after a gateway failure
    [InlineData(429, HyprErrorCodes.TokenExchangeThrottled, true, false)] // only a token expiring helps
    [InlineData(503, HyprErrorCodes.TokenExchangeThrottled, true, false)]
    [InlineData(400, HyprErrorCodes.InvalidTokenExchange, true, false)]
    [InlineData(500, null, true, false)]
    [InlineData(401, null, true, false)]
    public void Exchange_statuses(int status, long? hyprErrorCode, bool signsItsAssertions, bool retried) =>
        Assert.Equal(retried, RetryRules.ExchangeStatus(status, hyprErrorCode, signsItsAssertions));

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public void Exchange_connection_failures(bool retryable, bool signsItsAssertions, bool retried) =>
        Assert.Equal(retried, RetryRules.ExchangeFailure(Failure(retryable), signsItsAssertions));

    private static HyprTransportException Failure(bool retryable) =>
        new HyprTransportException(new Uri("https://tenant.example/"), "The connection was reset.", retryable: retryable);
}
