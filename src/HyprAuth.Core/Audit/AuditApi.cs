using System;
using System.Collections.Generic;
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
        using (JsonDocument document = Pager.Parse(response))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw Pager.Invalid(response, "the application list is not a JSON array");
            }

            var applications = new List<JsonElement>();
            foreach (JsonElement application in document.RootElement.EnumerateArray())
            {
                if (application.ValueKind != JsonValueKind.Object
                    || !application.TryGetProperty(ApplicationIdProperty, out JsonElement id)
                    || id.ValueKind != JsonValueKind.String
                    || string.IsNullOrEmpty(id.GetString()))
                {
                    throw Pager.Invalid(response, $"an application in the list has no {ApplicationIdProperty}");
                }

                applications.Add(application.Clone());
            }

            return applications;
        }
    }
}
