using System;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HyprAuth.Emulator;

/// <summary>
/// Control Center's application list and audit search, in the shape HYPR's public clients use them (syslog-ng's
/// hypr-audit-trail driver): an array of applications with appID, and page-number paging with metadata.
/// </summary>
internal static class AuditEndpoints
{
    public const string ApplicationsPath = "/cc/api/application";
    public const string SearchPath = "/cc/api/versioned/audit/search";
    public const string ApplicationsScope = "hypr:cc:applications";
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    // Cost units: listing applications is cheap, a page of audit events is an extractive query.
    private const int ApplicationsCost = 1;
    private const int SearchCost = 5;

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapGet(ApplicationsPath, context => ApplicationsAsync(context, state)).WithMetadata(new RouteCounterKey("GET " + ApplicationsPath));
        app.MapGet(SearchPath, context => SearchAsync(context, state)).WithMetadata(new RouteCounterKey("GET " + SearchPath));
    }

    private static async Task ApplicationsAsync(HttpContext context, EmulatorState state)
    {
        if (await ApiAccess.AuthorizeAsync(context, state, rpAppId: null, ApplicationsScope, ApplicationsCost) is null)
        {
            return;
        }

        using var writer = EmulatorJson.StartJsonResponse(context.Response);
        writer.WriteStartArray();
        foreach (string id in state.Audit.Applications)
        {
            // appID is what HYPR's clients read; the other members are the emulator's, to show they are kept.
            writer.WriteStartObject();
            writer.WriteString("appID", id);
            writer.WriteString("displayName", id.Replace("HYPR", "HYPR ", StringComparison.Ordinal));
            writer.WriteString("appType", id.Contains("Workstation", StringComparison.Ordinal) ? "WORKSTATION" : "WEB");
            writer.WriteBoolean("enabled", true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static async Task SearchAsync(HttpContext context, EmulatorState state)
    {
        IQueryCollection query = context.Request.Query;
        string? rpAppId = query["rpAppId"];
        string? failure = Plan(query, state.Clock.UtcNow, out long start, out long end, out int pageSize, out int? pageNumber, out bool descending);
        if (string.IsNullOrEmpty(rpAppId))
        {
            failure = "rpAppId is required";
        }

        if (failure is not null)
        {
            // Checked before access, as a gateway would: a malformed query never reaches the token checks.
            await HyprError.Create(HyprError.InvalidApiRequest, failure, "invalid_request").WriteAsync(context, StatusCodes.Status400BadRequest);
            return;
        }

        if (await ApiAccess.AuthorizeAsync(context, state, rpAppId, ApiAccess.ReportScope, SearchCost) is null)
        {
            return;
        }

        EmulatorSettings settings = state.Settings;
        int firstPage = settings.AuditFirstPage;
        int page = pageNumber ?? firstPage;
        if (page < firstPage)
        {
            await HyprError.Create(HyprError.InvalidApiRequest, $"pageNumber must be at least {firstPage}", "invalid_request").WriteAsync(context,
                StatusCodes.Status400BadRequest);
            return;
        }

        long skip = (long)(page - firstPage) * pageSize;
        (var events, int total) = state.Audit.Search(rpAppId!, start, end, settings, (int)Math.Min(int.MaxValue, skip), pageSize, descending);
        using var writer = EmulatorJson.StartJsonResponse(context.Response);
        writer.WriteStartObject();
        writer.WriteStartObject("metadata");
        writer.WriteNumber("totalRecords", total);
        writer.WriteNumber("totalPages", (total + pageSize - 1) / pageSize);
        writer.WriteNumber("currentPage", page);
        writer.WriteEndObject();
        writer.WriteStartArray("data");
        foreach (AuditEventRecord record in events)
        {
            writer.WriteRawValue(record.Json, skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string? Plan(IQueryCollection query, DateTimeOffset now, out long start, out long end, out int pageSize, out int? pageNumber,
        out bool descending)
    {
        start = 0;
        end = now.ToUnixTimeMilliseconds();
        pageSize = DefaultPageSize;
        pageNumber = null;
        descending = false;
        if (!Number(query, "startTSUTC", ref start) || !Number(query, "endTSUTC", ref end))
        {
            return "startTSUTC and endTSUTC must be epoch milliseconds";
        }

        long size = pageSize;
        if (!Number(query, "pageSize", ref size) || size is < 1 or > MaxPageSize)
        {
            return $"pageSize must be 1-{MaxPageSize}";
        }

        pageSize = (int)size;
        long number = -1;
        if (!Number(query, "pageNumber", ref number) || number > int.MaxValue)
        {
            return "pageNumber must be a whole number";
        }

        pageNumber = number < 0 && !query.ContainsKey("pageNumber") ? null : (int)number;
        string? orderBy = query["orderBy"];
        if (orderBy is not (null or "eventTimeInUTC"))
        {
            return "orderBy must be eventTimeInUTC";
        }

        string? direction = query["sortDir"];
        if (direction is not (null or "asc" or "desc"))
        {
            return "sortDir must be asc or desc";
        }

        descending = direction == "desc";
        return null;
    }

    /// <summary>False when present but not a whole number; the value stays as it was when absent.</summary>
    private static bool Number(IQueryCollection query, string name, ref long value)
    {
        string? text = query[name];
        if (text is null)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }
}
