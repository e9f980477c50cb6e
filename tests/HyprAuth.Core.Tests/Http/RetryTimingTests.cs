using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;
using Xunit;

namespace HyprAuth.Core.Tests.Http;

public sealed class RetryTimingTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 0.0, 0.5)]
    [InlineData(1, 0.9999, 1.0)]
    [InlineData(2, 0.0, 1.0)]
    [InlineData(3, 0.5, 3.0)]
    [InlineData(10, 0.0, 15.0)]
    [InlineData(40, 0.9999, 30.0)]
    public void Backoff_doubles_with_jitter_up_to_the_cap(int retry, double sample, double expectedSeconds)
    {
        Assert.Equal(expectedSeconds, RetryPolicy.Default.Backoff(retry, sample).TotalSeconds, 2);
    }

    [Fact]
    public void Policy_refuses_nonsense()
    {
        Assert.Equal("MaximumRetryCount", Assert.Throws<HyprArgumentException>(() => new RetryPolicy(-1)).ParameterName);
        Assert.Equal(0, RetryPolicy.None.MaximumRetryCount);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData(" 0 ", 0)]
    [InlineData("120", 120)]
    public void Retry_After_delta_seconds(string header, int seconds)
    {
        var retryAfter = Read(header, serverDate: null);
        Assert.False(retryAfter.Unparsable);
        Assert.Equal(TimeSpan.FromSeconds(seconds), retryAfter.Delay);
    }

    [Fact]
    public void Retry_After_beyond_any_TimeSpan_is_a_very_long_delay_not_an_overflow()
    {
        var delay = Read("999999999999999999999999", serverDate: null).Delay!.Value;
        Assert.True(delay >= TimeSpan.FromSeconds(1e9) && delay < TimeSpan.MaxValue, delay.ToString());
    }

    [Fact]
    public void Retry_After_date_counts_from_the_servers_Date_header()
    {
        var retryAfter = Read(Now.AddSeconds(20).ToString("r", CultureInfo.InvariantCulture), serverDate: Now.AddSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(15), retryAfter.Delay);
    }

    [Fact]
    public void Retry_After_date_in_the_past_is_zero()
    {
        Assert.Equal(TimeSpan.Zero, Read("Wed, 21 Oct 2015 07:28:00 GMT", serverDate: null).Delay);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void Unparsable_Retry_After_is_present_without_a_delay(string header)
    {
        var retryAfter = Read(header, serverDate: null);
        Assert.True(retryAfter.Unparsable);
        Assert.Null(retryAfter.Delay);
    }

    [Fact]
    public void Absent_Retry_After()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        Assert.False(RetryAfter.Read(response, Now).Present);
    }

    private static RetryAfter Read(string header, DateTimeOffset? serverDate)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", header);
        response.Headers.Date = serverDate;
        return RetryAfter.Read(response, Now);
    }
}
