namespace HyprAuth.Core.Paging;

/// <summary>How <see cref="Pager"/> finds the next page.</summary>
public enum PagingMode
{
    /// <summary>Page numbers when the first answer has metadata.totalPages (HYPR's Control Center APIs), page tokens otherwise.</summary>
    Auto,

    /// <summary>HYPR's page numbers: ask for currentPage + 1 until currentPage reaches totalPages or a page is empty.</summary>
    PageNumber,

    /// <summary>A next-page token in each answer, sent back with the next request until it is absent.</summary>
    Token,
}
