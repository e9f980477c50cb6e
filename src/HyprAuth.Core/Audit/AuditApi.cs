using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Paging;

namespace HyprAuth.Core.Audit;

/// <summary>
/// HYPR Control Center's application list and audit search, as HYPR's public clients use them (syslog-ng's
/// hypr-audit-trail driver, HYPR's "Log Aggregation" page); HYPR's reference documents the rest.
/// </summary>
public static class AuditApi
{
    public const string ApplicationsPath = "/cc/api/application";
    public const string SearchPath = "/cc/api/versioned/audit/search";
    public const string ApplicationIdProperty = "appID";

    /// <summary>The tenant's applications, each a JSON object (detached from the answer) with at least appID.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ListApplicationsAsync(
        ApiClient api, ITokenProvider tokens, Uri tenantUri, Func<Uri, ApiRequest> requestFor, IHyprEvents events,
            CancellationToken cancellationToken)
    {
        ApiResponse response =
            await api.SendAsync(requestFor(ApiUri.Build(tenantUri, ApplicationsPath)), tokens, events, cancellationToken).ConfigureAwait(false);
        using JsonDocument document = response.ParseJson();
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw response.Invalid("the application list is not a JSON array");
        }

        return document.RootElement.EnumerateArray()
            .Select(application => application.ValueKind == JsonValueKind.Object
                && application.TryGetProperty(ApplicationIdProperty, out JsonElement id)
                && id.ValueKind == JsonValueKind.String
                && !string.IsNullOrEmpty(id.GetString())
                    ? application.Clone()
                    : throw response.Invalid($"an application in the list has no {ApplicationIdProperty}"))
            .ToList();
    }
}
