using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace HyprAuth.Internal;

/// <summary>
/// The rpAppIds this process has called HYPR's bulk API for with success, so -Path completion can offer the
/// applications the client's token really covers (HYPR's token does not name them). Only names, never answers.
/// </summary>
internal static class KnownRpAppIds
{
    private const string BulkPrefix = "/rp/api/bulk/";
    private const int MaximumCount = 50;
    private static readonly ConcurrentDictionary<string, byte> Known = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

    internal static IEnumerable<string> All => Known.Keys.OrderBy(id => id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Notes the rpAppId of a request that succeeded, e.g. /rp/api/bulk/HYPRDefaultApplication/fetch.</summary>
    internal static void Remember(Uri requestUri)
    {
        string path = requestUri.AbsolutePath;
        int start = path.IndexOf(BulkPrefix, StringComparison.OrdinalIgnoreCase);
        if (start < 0 || Known.Count >= MaximumCount)
        {
            return;
        }

        start += BulkPrefix.Length;
        int end = path.IndexOf('/', start);
        string rpAppId = Uri.UnescapeDataString(end < 0 ? path.Substring(start) : path.Substring(start, end - start));
        if (rpAppId.Length > 0)
        {
            Known.TryAdd(rpAppId, 0);
        }
    }
}
