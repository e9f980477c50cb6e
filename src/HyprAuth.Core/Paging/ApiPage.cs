using System;
using System.Collections.Generic;
using System.Text.Json;
using HyprAuth.Core.Api;

namespace HyprAuth.Core.Paging;

/// <summary>One page of a paged API answer. Its items live as long as the page: dispose it once they are written.</summary>
public sealed class ApiPage : IDisposable
{
    private readonly JsonDocument document;

    internal ApiPage(ApiResponse response, JsonDocument document, IReadOnlyList<JsonElement> items, int ordinal, PagingMode mode,
        long? totalItems, long? totalPages, long? currentPage)
    {
        this.document = document;
        Response = response;
        Items = items;
        Ordinal = ordinal;
        Mode = mode;
        TotalItems = totalItems;
        TotalPages = totalPages;
        CurrentPage = currentPage;
    }

    /// <summary>The answer this page came in (status and headers for the caller's variables).</summary>
    public ApiResponse Response { get; }

    public IReadOnlyList<JsonElement> Items { get; }

    /// <summary>1 for the first page this pager fetched, 2 for the next, and so on.</summary>
    public int Ordinal { get; }

    /// <summary>The paging in force (Auto resolved on the first page).</summary>
    public PagingMode Mode { get; }

    /// <summary>How many items the whole result has, when the server says (metadata.totalRecords or total).</summary>
    public long? TotalItems { get; }

    public long? TotalPages { get; }

    /// <summary>The server's page number (page-number paging).</summary>
    public long? CurrentPage { get; }

    public void Dispose() => document.Dispose();
}
