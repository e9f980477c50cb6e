using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Net.Http;

namespace HyprAuth.Core.Http;

/// <summary>What a caller may see of a response's headers: the response's and its content's, never the request's.</summary>
internal static class ResponseHeaders
{
    public static readonly IReadOnlyDictionary<string, string[]> None =
        new ReadOnlyDictionary<string, string[]>(new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Names compared case-insensitively, as HTTP does.</summary>
    public static IReadOnlyDictionary<string, string[]> Of(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

        // .NET Framework leaves Content null on a response without a body.
        var contentHeaders = response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>();
        foreach (var header in response.Headers.Concat(contentHeaders))
        {
            headers[header.Key] = header.Value.ToArray();
        }

        return headers;
    }
}
