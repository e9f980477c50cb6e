using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>Defect 5: the clock-skew correction learns only from the token endpoint's JSON answers, and never by more than 15 minutes.</summary>
public sealed class ClockSkewBoundsTests
{
    private static readonly Uri Endpoint = new Uri("https://tenant.example" + HyprDefaults.TokenEndpointPath);

    [Fact]
    public async Task A_503_HTML_page_dated_2033_teaches_nothing()
    {
        var clock = new SimulatedClock();
        var answers = new Queue<HttpResponseMessage>(new[]
        {
            Answer(HttpStatusCode.ServiceUnavailable, "<html><body>down</body></html>", "text/html",
                new DateTimeOffset(2033, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            Answer(HttpStatusCode.OK, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"hypap-skew-test-token-value\"}",
                "application/json", null),
        });
        using var handler = new StubHandler(_ => Task.FromResult(answers.Dequeue()));
        using var http = handler.CreateClient();
        using var key = HyprSigningKey.Import(TestKeys.SeedClientKey);
        var tracker = new ClockSkewTracker();

        await new TokenClient(http, clock, tracker).RequestTokenAsync(new TokenRequest(Endpoint, "hypap-client", key), new RecordingEvents(),
            CancellationToken.None);

        Assert.Equal(TimeSpan.Zero, tracker.OffsetFor(Endpoint));
    }

    [Fact]
    public void A_skew_beyond_15_minutes_is_capped_with_a_warning()
    {
        var tracker = new ClockSkewTracker();
        var events = new RecordingEvents();
        var now = DateTimeOffset.UtcNow;

        tracker.Observe(Endpoint, now.AddHours(-3), now, events);

        Assert.Equal(TimeSpan.FromMinutes(-15), tracker.OffsetFor(Endpoint));
        Assert.Contains(events.Warnings, w => w.Contains("10800 s behind", StringComparison.Ordinal)
            && w.Contains("15 minutes", StringComparison.Ordinal));
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType, DateTimeOffset? date)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        response.Headers.Date = date;
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
        return response;
    }
}
