namespace HyprAuth;

/// <summary>How Invoke-HyprApi -All finds the next page (the engine's PagingMode, as a type users can name).</summary>
public enum HyprPagingMode
{
    /// <summary>Page numbers when the first answer has metadata.totalPages, page tokens otherwise.</summary>
    Auto,

    /// <summary>HYPR's page numbers: pageNumber = currentPage + 1 until currentPage reaches totalPages or a page is empty.</summary>
    PageNumber,

    /// <summary>A next-page token in each answer, sent back in the next request.</summary>
    Token,
}
