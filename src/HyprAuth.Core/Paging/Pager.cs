using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Paging;

/// <summary>
/// Follows a paged API one page at a time, so memory stays constant whatever the size: HYPR's page numbers
/// (metadata.totalPages/currentPage, as Control Center's audit search answers) or page tokens. It refuses a server
/// that goes round in circles (a token or page number it answered before) and stops after a bounded number of pages.
/// </summary>
/// <param name="buildRequest">Builds each page's request; the parameter is null for the first page, else to be added to the query or
/// body.</param>
public sealed class Pager(ApiClient api, ITokenProvider tokens, PagerOptions options, Func<PageParameter?, ApiRequest> buildRequest)
{
    private const string Metadata = "metadata";

    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private PagingMode mode = options.Mode;
    private PageParameter? next;
    private long? firstPageNumber;
    private int ordinal;
    private bool done;
    private Exception? failureBeforeNext;

    /// <summary>The next page, or null after the last.</summary>
    public async Task<ApiPage?> NextAsync(IHyprEvents events, CancellationToken cancellationToken)
    {
        if (failureBeforeNext != null)
        {
            throw failureBeforeNext;
        }

        if (done)
        {
            return null;
        }

        ApiRequest request = buildRequest(next);
        if (++ordinal > options.MaximumPages)
        {
            throw new HyprInvalidResponseException(EndpointPolicy.WithoutQuery(request.Uri), 200, null, null,
                $"the answer went on beyond {options.MaximumPages} pages; stopped rather than loop");
        }

        ApiResponse response = await api.SendAsync(request, tokens, events, cancellationToken).ConfigureAwait(false);
        JsonDocument document = response.ParseJson();
        try
        {
            return Read(document, response);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private ApiPage Read(JsonDocument document, ApiResponse response)
    {
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(options.ItemsProperty, out JsonElement data)
            || data.ValueKind != JsonValueKind.Array)
        {
            throw response.Invalid(
                $"paging expects each page to be a JSON object with an array '{options.ItemsProperty}', and this answer is not");
        }

        List<JsonElement> items = data.EnumerateArray().ToList();

        JsonElement metadata = root.TryGetProperty(Metadata, out JsonElement found) && found.ValueKind == JsonValueKind.Object ? found : default;
        long? totalPages = Number(metadata, "totalPages");
        if (mode == PagingMode.Auto)
        {
            mode = totalPages.HasValue ? PagingMode.PageNumber : PagingMode.Token;
        }

        long? totalItems = Number(metadata, "totalRecords") ?? Number(root, "total");
        long? currentPage = Number(metadata, "currentPage");
        if (mode == PagingMode.PageNumber)
        {
            currentPage = NextByNumber(response, items.Count, totalPages, currentPage);
        }
        else
        {
            NextByToken(response, root);
        }

        return new ApiPage(response, document, items, ordinal, mode, totalItems, currentPage);
    }

    private long NextByNumber(ApiResponse response, int itemCount, long? totalPages, long? currentPage)
    {
        // Without currentPage the page is the one asked for; the first request carries no number, as HYPR's own
        // client sends it, and its page is counted as 1 (HYPR does not document whether pages count from 0 or 1).
        long current = currentPage ?? next?.Number ?? 1;
        firstPageNumber ??= current is 0 or 1 ? current : 1;
        if (!seen.Add(current.ToString(CultureInfo.InvariantCulture)))
        {
            throw response.Invalid($"the server answered page {current} twice; stopped rather than loop");
        }

        // The last page: the count says so (pages numbered from the first page's number), or the page is empty.
        long pagesSoFar = current - firstPageNumber.Value + 1;
        done = itemCount == 0 || (totalPages.HasValue && pagesSoFar >= totalPages.Value);
        next = new PageParameter(options.PageNumberParameter, (current + 1).ToString(CultureInfo.InvariantCulture), current + 1);
        return current;
    }

    private void NextByToken(ApiResponse response, JsonElement root)
    {
        string? token = root.TryGetProperty(options.NextTokenProperty, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
        if (string.IsNullOrEmpty(token))
        {
            done = true;
            return;
        }

        if (!seen.Add(token!))
        {
            // This page's items are new and go out; asking for the next page would go round in circles.
            failureBeforeNext = response.Invalid(
                $"the server returned a {options.NextTokenProperty} it had returned before; stopped after page {ordinal} rather than loop");
            return;
        }

        next = new PageParameter(options.TokenParameter, token!);
    }

    private static long? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        // Tolerant: a number, or a number sent as a string.
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out long number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out long number) => number,
            _ => null,
        };
    }
}
