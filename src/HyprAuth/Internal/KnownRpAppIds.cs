using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace HyprAuth.Internal;

/// <summary>
/// The rpAppIds this process has called HYPR's bulk API for with success, so -Path completion can offer the
/// applications the client's token really covers (HYPR's token does not name them). Only names, never answers.
/// </summary>
internal static class KnownRpAppIds
{
    private const int MaximumCount = 50;
    private static readonly Regex BulkRoute = new("/rp/api/bulk/([^/]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly ConcurrentDictionary<string, byte> Known = new(StringComparer.Ordinal);

    internal static IEnumerable<string> All => Known.Keys.OrderBy(id => id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Notes the rpAppId of a request that succeeded, e.g. /rp/api/bulk/HYPRDefaultApplication/fetch.</summary>
    internal static void Remember(Uri requestUri)
    {
        Match bulk = BulkRoute.Match(requestUri.AbsolutePath);
        if (bulk.Success && Known.Count < MaximumCount)
        {
            Known.TryAdd(Uri.UnescapeDataString(bulk.Groups[1].Value), 0);
        }
    }
}
