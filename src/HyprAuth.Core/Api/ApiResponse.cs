using System;
using System.Collections.Generic;
using System.Text.Json;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Api;

/// <summary>A successful answer of the API, read whole and decoded.</summary>
/// <param name="headers">Response and content headers, names compared case-insensitively.</param>
/// <param name="contentType">The Content-Type header as sent (with its parameters).</param>
/// <param name="mediaType">The media type alone, e.g. application/json.</param>
/// <param name="body">The body, decoded with the charset the server named (UTF-8 otherwise).</param>
/// <param name="uri">The URI that answered, after same-origin redirects.</param>
public sealed class ApiResponse(int statusCode, IReadOnlyDictionary<string, string[]> headers, string? contentType, string? mediaType,
    string body, Uri uri)
{
    public int StatusCode { get; } = statusCode;

    public IReadOnlyDictionary<string, string[]> Headers { get; } = headers;

    public string? ContentType { get; } = contentType;

    public string? MediaType { get; } = mediaType;

    public string Body { get; } = body;

    public Uri Uri { get; } = uri;

    public bool IsJson =>
        MediaType != null
        && (MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body as JSON; a body that is not JSON is refused, saying what came back but never the body (it may echo what was sent).</summary>
    public JsonDocument ParseJson()
    {
        try
        {
            return JsonDocument.Parse(Body);
        }
        catch (JsonException exception)
        {
            throw Invalid($"not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})");
        }
    }

    /// <summary>Refuses this answer as not what the API returns; <paramref name="problem"/> says why, without quoting the body.</summary>
    public HyprInvalidResponseException Invalid(string problem) =>
        new(EndpointPolicy.WithoutQuery(Uri), StatusCode, ContentType, Body.Length, problem);

    public override string ToString() => $"HTTP {StatusCode} {ContentType}, {Body.Length} characters";
}
