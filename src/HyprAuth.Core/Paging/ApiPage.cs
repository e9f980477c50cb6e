using System;
using System.Collections.Generic;
using System.Text.Json;
using HyprAuth.Core.Api;

namespace HyprAuth.Core.Paging;

/// <summary>One page of a paged API answer. Its items live as long as the page: dispose it once they are written.</summary>
/// <param name="response">The answer this page came in (status and headers for the caller's variables).</param>
/// <param name="ordinal">1 for the first page this pager fetched, 2 for the next, and so on.</param>
/// <param name="mode">The paging in force (Auto resolved on the first page).</param>
/// <param name="totalItems">How many items the whole result has, when the server says (metadata.totalRecords or total).</param>
/// <param name="currentPage">The server's page number (page-number paging).</param>
public sealed class ApiPage(ApiResponse response, JsonDocument document, IReadOnlyList<JsonElement> items, int ordinal, PagingMode mode,
    long? totalItems, long? currentPage) : IDisposable
{
    public ApiResponse Response { get; } = response;

    public IReadOnlyList<JsonElement> Items { get; } = items;

    public int Ordinal { get; } = ordinal;

    public PagingMode Mode { get; } = mode;

    public long? TotalItems { get; } = totalItems;

    public long? CurrentPage { get; } = currentPage;

    public void Dispose() => document.Dispose();
}
