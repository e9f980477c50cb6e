using System;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Exchange;

public sealed class ClockSkewTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    public async Task Skewed_tenant_clock_still_yields_a_token(int minutes)
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.State.ShiftClock(TimeSpan.FromMinutes(minutes));

        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        // The first assertion, dated by our clock, is refused; its response's Date reveals the skew; the second one passes.
        Assert.Equal(2, tenant.ExchangeAttempts(client));
        Assert.Equal(1, tenant.Exchanges(client));
        Assert.Contains(tenant.Events.VerboseMessages, m => m.Contains(minutes > 0 ? " s ahead of" : " s behind", StringComparison.Ordinal));
        Assert.InRange(tenant.ClockSkew.OffsetFor(tenant.TokenEndpoint).TotalMinutes, minutes - 0.1, minutes + 0.1);
    }

    [Fact]
    public async Task Known_skew_dates_the_next_assertion_right_the_first_time()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        tenant.State.ShiftClock(TimeSpan.FromMinutes(10));
        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        tenant.Remember(await tenant.TokenClient.RequestTokenAsync(tenant.Request(client), tenant.Events, CancellationToken.None));

        Assert.Equal(3, tenant.ExchangeAttempts(client));
        Assert.Equal(2, tenant.Exchanges(client));
    }

    [Fact]
    public void Small_offsets_are_noise_and_a_clock_back_in_step_is_said()
    {
        var tracker = new ClockSkewTracker();
        var endpoint = new Uri("https://t.example/token");
        var events = new RecordingEvents();
        var now = DateTimeOffset.UtcNow;

        Assert.False(tracker.Observe(endpoint, now.AddSeconds(4), now, events));
        Assert.Equal(TimeSpan.Zero, tracker.OffsetFor(endpoint));
        Assert.True(tracker.Observe(endpoint, now.AddSeconds(-90), now, events));
        Assert.False(tracker.Observe(endpoint, now.AddSeconds(-88), now, events));
        Assert.Equal(TimeSpan.FromSeconds(-90), tracker.OffsetFor(endpoint));
        // Back in step changes how assertions are dated, so it counts as news: the caller retries a refused assertion.
        Assert.True(tracker.Observe(endpoint, now, now, events));
        Assert.Equal(TimeSpan.Zero, tracker.OffsetFor(endpoint));
        Assert.False(tracker.Observe(endpoint, now, now, events));
        Assert.Contains(events.VerboseMessages, m => m.Contains("in step", StringComparison.Ordinal));
        Assert.False(tracker.Observe(endpoint, null, now, NullHyprEvents.Instance));
    }
}
