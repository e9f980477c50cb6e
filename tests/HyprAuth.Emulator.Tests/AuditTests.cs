using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Emulator.Tests;

/// <summary>The application list and the audit search: shape, page-number paging, window ends, access, faults, throttling.</summary>
public sealed class AuditTests : IClassFixture<EmulatorFixture>
{
    private static readonly string[] Apps = ["AppOne", "AppTwo", "AppThree"];
    private readonly EmulatorFixture emulator;

    public AuditTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.State.Reset();
    }

    [Fact]
    public async Task ApplicationsListDefaultsAndAppsWithEvents()
    {
        emulator.State.AppendAuditEvents(new AuditAppendRequest { RpAppIds = Apps, Count = 30 });
        string token = await TokenAsync();

        using HttpResponseMessage response = await emulator.SendAsync(HttpMethod.Get, "cc/api/application", token);

        JsonElement list = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.Equal(["HYPRDefaultApplication", "HYPRDefaultWorkstationApplication", .. Apps],
            list.EnumerateArray().Select(app => app.GetProperty("appID").GetString()));
        Assert.True(list[0].TryGetProperty("displayName", out _));
    }

    [Fact]
    public async Task SearchPagesThroughEveryEventOnceInTimeOrder()
    {
        AuditAppendReply added = emulator.State.AppendAuditEvents(new AuditAppendRequest { RpAppIds = Apps, Count = 300, PerMillisecond = 4 });
        string token = await TokenAsync();
        List<(long Time, string Id)> seen = [];
        JsonElement first = await SearchAsync(token, "AppTwo", added.FirstEventTime, added.LastEventTime, 30, pageNumber: null);
        JsonElement metadata = first.GetProperty("metadata");
        Assert.Equal(100, metadata.GetProperty("totalRecords").GetInt32());
        Assert.Equal(4, metadata.GetProperty("totalPages").GetInt32());
        Assert.Equal(1, metadata.GetProperty("currentPage").GetInt32());
        Collect(first, seen);
        for (int page = 2; page <= 4; page++)
        {
            Collect(await SearchAsync(token, "AppTwo", added.FirstEventTime, added.LastEventTime, 30, page), seen);
        }

        Assert.Equal(100, seen.Select(e => e.Id).Distinct().Count());
        Assert.Equal(seen.OrderBy(e => e.Time).ThenBy(e => ulong.Parse(e.Id)), seen);
        Assert.All(seen, e => Assert.True(ulong.Parse(e.Id) > (1UL << 53)));
        Assert.True(seen.GroupBy(e => e.Time).Any(group => group.Count() == 4), "events share milliseconds");
        JsonElement beyond = await SearchAsync(token, "AppTwo", added.FirstEventTime, added.LastEventTime, 30, 5);
        Assert.Empty(beyond.GetProperty("data").EnumerateArray());
    }

    [Theory]
    [InlineData(true, true, 9)]
    [InlineData(false, true, 6)]
    [InlineData(true, false, 6)]
    [InlineData(false, false, 3)]
    public async Task WindowEndsAreInclusiveOrNotAsSet(bool startInclusive, bool endInclusive, int expected)
    {
        emulator.State.Settings = emulator.State.Settings with { AuditStartInclusive = startInclusive, AuditEndInclusive = endInclusive };
        long t = emulator.State.Clock.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        foreach (long time in new[] { t, t + 1, t + 2 })
        {
            emulator.State.AppendAuditEvents(new AuditAppendRequest { RpAppIds = ["AppOne"], Count = 3, FromMs = time, ToMs = time });
        }

        JsonElement page = await SearchAsync(await TokenAsync(), "AppOne", t, t + 2, 100, null);

        Assert.Equal(expected, page.GetProperty("metadata").GetProperty("totalRecords").GetInt32());
    }

    [Fact]
    public async Task FirstPageCanBeZero()
    {
        emulator.State.Settings = emulator.State.Settings with { AuditFirstPage = 0 };
        AuditAppendReply added = emulator.State.AppendAuditEvents(new AuditAppendRequest { RpAppIds = ["AppOne"], Count = 10 });
        string token = await TokenAsync();

        JsonElement first = await SearchAsync(token, "AppOne", added.FirstEventTime, added.LastEventTime, 4, null);
        JsonElement last = await SearchAsync(token, "AppOne", added.FirstEventTime, added.LastEventTime, 4, 2);

        Assert.Equal(0, first.GetProperty("metadata").GetProperty("currentPage").GetInt32());
        Assert.Equal(3, first.GetProperty("metadata").GetProperty("totalPages").GetInt32());
        Assert.Equal(2, last.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task AppendingIntoAPastMillisecondSortsAfterItsEarlierEvents()
    {
        long t = emulator.State.Clock.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        emulator.State.AppendAuditEvents(new AuditAppendRequest { RpAppIds = ["AppOne"], Count = 5, FromMs = t - 100, ToMs = t, PerMillisecond = 1 });
        emulator.State.AppendAuditEvents(new AuditAppendRequest { RpAppIds = ["AppOne"], Count = 2, FromMs = t, ToMs = t });

        JsonElement page = await SearchAsync(await TokenAsync(), "AppOne", t, t, 100, null);

        string[] ids = page.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(3, ids.Length);
        Assert.Equal(ids.OrderBy(ulong.Parse), ids);
    }

    [Fact]
    public async Task TheAppendControlTakesDefaultsForAbsentMembers()
    {
        using HttpResponseMessage response =
            await emulator.Http.PostAsync("_emulator/audit/events",
            new StringContent("{\"count\":25}", System.Text.Encoding.UTF8, "application/json"));

        JsonElement reply = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(25, reply.GetProperty("appended").GetInt32());
        Assert.Equal(25, emulator.State.AuditEvents("HYPRDefaultApplication").Count);
    }

    [Fact]
    public async Task AnRpAppIdTheTokenLacksIs403AndBadQueriesAre400()
    {
        string token = await emulator.GetTokenAsync(emulator.State.CreateClient(new ClientSpec { RpAppIds = ["AppOne"] }));

        using HttpResponseMessage foreign = await emulator.SendAsync(HttpMethod.Get, "cc/api/versioned/audit/search?rpAppId=AppTwo", token);
        using HttpResponseMessage noApp = await emulator.SendAsync(HttpMethod.Get, "cc/api/versioned/audit/search", token);
        using HttpResponseMessage badSize =
            await emulator.SendAsync(HttpMethod.Get, "cc/api/versioned/audit/search?rpAppId=AppOne&pageSize=0", token);
        using HttpResponseMessage noToken = await emulator.SendAsync(HttpMethod.Get, "cc/api/application", null);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("rpAppId mismatch", await EmulatorFixture.ErrorMessageAsync(foreign, 1201046));
        Assert.Equal(HttpStatusCode.BadRequest, noApp.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    [Fact]
    public async Task AFaultCanHitOneGivenPage()
    {
        AuditAppendReply added = emulator.State.AppendAuditEvents(new AuditAppendRequest { RpAppIds = ["AppOne"], Count = 50 });
        emulator.State.QueueFault(new FaultSpec { Route = "/cc/api/versioned/audit/search", Kind = "status", Status = 503, Query = "pageNumber=3" });
        string token = await TokenAsync();

        using HttpResponseMessage second = await emulator.SendAsync(HttpMethod.Get, SearchUri("AppOne", added, 10, 2), token);
        using HttpResponseMessage third = await emulator.SendAsync(HttpMethod.Get, SearchUri("AppOne", added, 10, 3), token);
        using HttpResponseMessage again = await emulator.SendAsync(HttpMethod.Get, SearchUri("AppOne", added, 10, 3), token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task SearchesSpendTheCostBudget()
    {
        emulator.State.Settings = emulator.State.Settings with { ThrottlingEnabled = true, ThrottleBudget = 10, ThrottleRefillPerSecond = 1 };
        AuditAppendReply added = emulator.State.AppendAuditEvents(new AuditAppendRequest { RpAppIds = ["AppOne"], Count = 5 });
        string token = await TokenAsync();

        using HttpResponseMessage first = await emulator.SendAsync(HttpMethod.Get, SearchUri("AppOne", added, 10, null), token);
        using HttpResponseMessage second = await emulator.SendAsync(HttpMethod.Get, SearchUri("AppOne", added, 10, null), token);
        using HttpResponseMessage third = await emulator.SendAsync(HttpMethod.Get, SearchUri("AppOne", added, 10, null), token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), third.Headers.RetryAfter?.Delta);
        await EmulatorFixture.ErrorMessageAsync(third, 1202500);
    }

    private Task<string> TokenAsync() => emulator.GetTokenAsync(emulator.State.CreateClient(new ClientSpec { RpAppIds = Apps }));

    private static string SearchUri(string app, AuditAppendReply added, int pageSize, int? pageNumber) =>
        SearchUri(app, added.FirstEventTime, added.LastEventTime, pageSize, pageNumber);

    private static string SearchUri(string app, long start, long end, int pageSize, int? pageNumber) =>
        $"cc/api/versioned/audit/search?rpAppId={app}&startTSUTC={start}&endTSUTC={end}&pageSize={pageSize}"
        + (pageNumber is null ? string.Empty : $"&pageNumber={pageNumber}") + "&orderBy=eventTimeInUTC&sortDir=asc";

    private async Task<JsonElement> SearchAsync(string token, string app, long start, long end, int pageSize, int? pageNumber)
    {
        using HttpResponseMessage response = await emulator.SendAsync(HttpMethod.Get, SearchUri(app, start, end, pageSize, pageNumber), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await EmulatorFixture.JsonAsync(response);
    }

    private static void Collect(JsonElement page, List<(long Time, string Id)> seen) =>
        seen.AddRange(page.GetProperty("data").EnumerateArray().Select(e =>
            (e.GetProperty("eventTimeInUTC").GetInt64(), e.GetProperty("id").GetString()!)));
}
