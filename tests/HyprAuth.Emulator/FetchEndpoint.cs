using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace HyprAuth.Emulator;

/// <summary>The body of POST /rp/api/bulk/{rpAppId}/fetch. Paging names are the emulator's invention; HYPR's are not public.</summary>
public sealed record FetchRequest
{
    public string? Entity { get; init; }
    public Dictionary<string, JsonElement>? Filter { get; init; }
    public int? PageSize { get; init; }
    public string? PageToken { get; init; }
}

/// <summary>Equality filtering and opaque-token paging over the sample data.</summary>
internal static class FetchEndpoint
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static async Task HandleAsync(HttpContext context)
    {
        FetchRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, EmulatorJson.Default.FetchRequest, context.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        string? failure = Plan(request, out SampleEntity? entity, out (int Field, string Value)[] filter, out int pageSize, out int offset);
        if (failure is not null)
        {
            await HyprError.Create(HyprError.InvalidApiRequest, failure, "invalid_request").WriteAsync(context, StatusCodes.Status400BadRequest);
            return;
        }

        int total = 0;
        foreach (SampleRecord record in entity!.Records)
        {
            total += Matches(record, filter) ? 1 : 0;
        }

        if (offset > 0 && offset >= total)
        {
            // The token came from a different filter: refuse rather than silently answer an empty page.
            await HyprError.Create(HyprError.InvalidApiRequest, "invalid pageToken", "invalid_request").WriteAsync(context,
                StatusCodes.Status400BadRequest);
            return;
        }

        using Utf8JsonWriter writer = EmulatorJson.StartJsonResponse(context.Response);
        writer.WriteStartObject();
        writer.WriteString("entity", entity.Name);
        writer.WriteStartArray("data");
        int index = 0;
        foreach (SampleRecord record in entity.Records)
        {
            if (index >= offset + pageSize)
            {
                break;
            }

            if (Matches(record, filter) && index++ >= offset)
            {
                writer.WriteRawValue(record.Json, skipInputValidation: true);
            }
        }

        writer.WriteEndArray();
        writer.WriteString("nextPageToken", offset + pageSize < total ? EncodePageToken(entity.Name, offset + pageSize) : null);
        writer.WriteNumber("total", total);
        writer.WriteEndObject();
    }

    private static string? Plan(FetchRequest? request, out SampleEntity? entity, out (int Field, string Value)[] filter, out int pageSize,
        out int offset)
    {
        entity = null;
        filter = [];
        pageSize = request?.PageSize ?? DefaultPageSize;
        offset = 0;
        if (request is null)
        {
            return "request body must be a JSON object like {\"entity\":\"users\"}";
        }

        entity = request.Entity is null ? null : SampleData.Find(request.Entity);
        if (entity is null)
        {
            return $"unknown entity {request.Entity}; known: {string.Join(", ", SampleData.Entities.Keys)}";
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            return $"pageSize must be 1-{MaxPageSize}";
        }

        if (request.PageToken is not null && !TryDecodePageToken(request.PageToken, entity.Name, out offset))
        {
            return "invalid pageToken";
        }

        List<(int, string)> conditions = [];
        foreach ((string name, JsonElement value) in request.Filter ?? [])
        {
            int field = entity.FieldIndex(name);
            if (field < 0)
            {
                return $"unknown filter field {name}";
            }

            string? text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
            if (text is null)
            {
                return $"filter value for {name} must be a string, number or boolean";
            }

            conditions.Add((field, text));
        }

        filter = conditions.ToArray();
        return null;
    }

    private static bool Matches(SampleRecord record, (int Field, string Value)[] filter)
    {
        foreach ((int field, string value) in filter)
        {
            if (!string.Equals(record.Values[field], value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static string EncodePageToken(string entity, int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{entity}:{offset.ToString(CultureInfo.InvariantCulture)}"));

    private static bool TryDecodePageToken(string token, string entity, out int offset)
    {
        offset = 0;
        try
        {
            string[] parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split(':');
            return parts.Length == 2
                && parts[0] == entity
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out offset)
                && offset > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
