using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Paging;

namespace HyprAuth.Internal;

/// <summary>-Body as bytes: a string goes as it is, bytes as they are, anything else as JSON.</summary>
internal static class RequestBody
{
    internal const string Json = "application/json; charset=utf-8";

    internal static (byte[]? Bytes, string? DefaultContentType) Encode(object? body) =>
        (body is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : body) switch
        {
            null => (null, null),
            string text => (new UTF8Encoding(false).GetBytes(text), Json),
            byte[] bytes => (bytes, "application/octet-stream"),
            object raw => (JsonBody.Serialize(raw), Json),
        };

    /// <summary>-Body as the JSON object each page of a paged POST starts from.</summary>
    internal static JsonObject ToJsonObject(object? body)
    {
        (byte[]? bytes, _) = Encode(body);
        try
        {
            return bytes is null ? new JsonObject() : JsonNode.Parse(bytes) as JsonObject
                ?? throw new HyprArgumentException("Body", "-All needs -Body to be a JSON object, so the page token can be added to it.");
        }
        catch (JsonException)
        {
            throw new HyprArgumentException("Body",
                "-All needs -Body to be a JSON object, so the page token can be added to it; the string given is not JSON.");
        }
    }

    /// <summary>One page's body: the object with the page token or number set (none for the first page).</summary>
    internal static byte[] WithPageParameter(JsonObject body, PageParameter? page)
    {
        if (page is not null)
        {
            body[page.Name] = page.Number is long number ? JsonValue.Create(number) : JsonValue.Create(page.Value);
        }

        return new UTF8Encoding(false).GetBytes(body.ToJsonString());
    }
}
