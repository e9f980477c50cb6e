using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Audit;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Paging;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Audit;

public sealed class PagerTests
{
    private static readonly Uri Tenant = new Uri("http://127.0.0.1:1/");

    [Fact]
    public async Task Auto_finds_page_numbers_in_the_audit_search_and_asks_once_per_page()
    {
        await using var audit = await AuditTenant.StartAsync();
        var added = audit.Append(95, apps: "AppOne");
        var pager = new Pager(audit.Tenant.ApiClient, audit.Tokens, new PagerOptions(), page =>
            Get(ApiUri.Build(audit.Tenant.TenantUri, AuditApi.SearchPath, Query(
            ("rpAppId", "AppOne"), ("startTSUTC", added.FirstEventTime.ToString()), ("endTSUTC", added.LastEventTime.ToString()),
                ("pageSize", "10"), (page?.Name, page?.Value)))));

        var (items, pages) = await DrainAsync(pager);

        Assert.Equal(95, items.Count);
        Assert.Equal(audit.AllEvents().Select(e => e.Id), items);
        Assert.Equal(10, pages.Count);
        Assert.All(pages, page => Assert.Equal(PagingMode.PageNumber, page.Mode));
        Assert.Equal(Enumerable.Range(1, 10).Select(n => (long?)n), pages.Select(page => page.CurrentPage));
        Assert.Equal(95, pages[0].TotalItems);
        Assert.Equal(10, audit.Tenant.Requests(AuditTenant.SearchRoute));
    }

    [Fact]
    public async Task Auto_follows_page_tokens_in_a_bulk_fetch()
    {
        await using var audit = await AuditTenant.StartAsync();
        var pager = new Pager(audit.Tenant.ApiClient, audit.Tokens, new PagerOptions { ItemsProperty = "data" }, page =>
            new ApiRequest(HttpMethod.Post, ApiUri.Build(audit.Tenant.TenantUri, "/rp/api/bulk/AppOne/fetch"))
            {
                Body = Encoding.UTF8.GetBytes(page == null ? "{\"entity\":\"users\",\"pageSize\":60}"
                    : $"{{\"entity\":\"users\",\"pageSize\":60,\"{page.Name}\":\"{page.Value}\"}}"),
            });

        var (items, pages) = await DrainAsync(pager, "userName");

        Assert.Equal(250, items.Distinct().Count());
        Assert.Equal(5, pages.Count);
        Assert.All(pages, page => Assert.Equal(PagingMode.Token, page.Mode));
        Assert.Equal(250, pages[0].TotalItems);
    }

    [Fact]
    public async Task A_server_that_answers_the_same_page_number_again_is_refused_rather_than_looped()
    {
        var stub = new StubHandler(_ =>
            Json("{\"metadata\":{\"totalRecords\":50,\"totalPages\":5,\"currentPage\":1},\"data\":[{\"id\":\"1\"}]}"));

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() => DrainAsync(StubPager(stub, new PagerOptions())));

        Assert.Contains("page 1 twice", error.Message);
        Assert.Equal(2, stub.RequestCount);
    }

    [Fact]
    public async Task A_page_token_seen_before_is_refused_rather_than_looped()
    {
        int calls = 0;
        var stub = new StubHandler(_ =>
            Json(++calls % 2 == 1 ? "{\"data\":[1],\"nextPageToken\":\"A\"}" : "{\"data\":[2],\"nextPageToken\":\"B\"}"));

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() => DrainAsync(StubPager(stub, new PagerOptions()), property: null));

        Assert.Contains("nextPageToken it had returned before", error.Message);
        Assert.Equal(3, stub.RequestCount);
    }

    [Fact]
    public async Task Page_numbers_without_metadata_stop_at_the_first_empty_page()
    {
        var asked = new List<string>();
        var stub = new StubHandler(request =>
        {
            asked.Add(request.RequestUri!.Query);
            return Json(request.RequestUri.Query.Contains("pageNumber=3") ? "{\"data\":[]}" : "{\"data\":[1,2]}");
        });

        var (items, _) = await DrainAsync(StubPager(stub, new PagerOptions { Mode = PagingMode.PageNumber }), property: null);

        Assert.Equal(4, items.Count);
        Assert.Equal(new[] { string.Empty, "?pageNumber=2", "?pageNumber=3" }, asked);
    }

    [Fact]
    public async Task Pages_counted_from_zero_end_without_asking_beyond_the_last()
    {
        var stub = new StubHandler(request =>
        {
            string page = request.RequestUri!.Query.Contains("pageNumber=1") ? "1" : "0";
            return Json($"{{\"metadata\":{{\"totalRecords\":3,\"totalPages\":2,\"currentPage\":{page}}},\"data\":[1]}}");
        });

        var (_, pages) = await DrainAsync(StubPager(stub, new PagerOptions()), property: null);

        Assert.Equal(2, pages.Count);
        Assert.Equal(2, stub.RequestCount);
    }

    [Fact]
    public async Task The_number_of_pages_is_bounded()
    {
        int calls = 0;
        var stub = new StubHandler(_ => Json($"{{\"data\":[1],\"nextPageToken\":\"t{++calls}\"}}"));

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() =>
            DrainAsync(StubPager(stub, new PagerOptions { MaximumPages = 5 }), property: null));

        Assert.Contains("beyond 5 pages", error.Message);
        Assert.Equal(5, stub.RequestCount);
    }

    [Fact]
    public async Task A_page_without_its_items_array_says_which_property_it_wanted()
    {
        var stub = new StubHandler(_ => Json("{\"items\":[]}"));

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() => DrainAsync(StubPager(stub, new PagerOptions())));

        Assert.Contains("'data'", error.Message);
    }

    private static Pager StubPager(StubHandler stub, PagerOptions options) =>
        new Pager(new ApiClient(stub.CreateClient()), new StaticTokenProvider("hypap-test"), options, page =>
            Get(ApiUri.Build(Tenant, "/cc/api/x", Query((page?.Name, page?.Value)))));

    private static async Task<(List<string> Items, List<ApiPage> Pages)> DrainAsync(Pager pager, string? property = "id")
    {
        var items = new List<string>();
        var pages = new List<ApiPage>();
        ApiPage? page;
        while ((page = await pager.NextAsync(new RecordingEvents(), CancellationToken.None)) != null)
        {
            items.AddRange(page.Items.Select(item => property == null ? item.GetRawText() : item.GetProperty(property).GetString()!));
            pages.Add(page);
            page.Dispose();
        }

        return (items, pages);
    }

    private static ApiRequest Get(Uri uri) =>
        new ApiRequest(HttpMethod.Get, uri)
        {
            Transport = new HyprAuth.Core.Http.TransportOptions(retryPolicy: HyprAuth.Core.Http.RetryPolicy.None),
        };

    private static IEnumerable<KeyValuePair<string, string?>> Query(params (string? Name, string? Value)[] pairs) =>
        pairs.Where(pair => pair.Name != null).Select(pair => new KeyValuePair<string, string?>(pair.Name!, pair.Value));

    private static Task<HttpResponseMessage> Json(string body) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
}
