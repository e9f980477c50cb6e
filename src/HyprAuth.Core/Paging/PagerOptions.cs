namespace HyprAuth.Core.Paging;

/// <summary>Where the pager finds a page's items and the way to the next page, and how far it may go.</summary>
public sealed class PagerOptions
{
    /// <summary>Bounds a server that never says "last page": no loop runs without a limit.</summary>
    public const int DefaultMaximumPages = 1_000_000;

    public PagingMode Mode { get; set; } = PagingMode.Auto;

    /// <summary>The answer's array of items.</summary>
    public string ItemsProperty { get; set; } = "data";

    /// <summary>Token paging: the answer's next-page token (null or absent on the last page).</summary>
    public string NextTokenProperty { get; set; } = "nextPageToken";

    /// <summary>Token paging: the request parameter (query or body) that carries the token.</summary>
    public string TokenParameter { get; set; } = "pageToken";

    /// <summary>Page-number paging: the request parameter that carries the number (HYPR's pageNumber).</summary>
    public string PageNumberParameter { get; set; } = "pageNumber";

    public int MaximumPages { get; set; } = DefaultMaximumPages;
}
