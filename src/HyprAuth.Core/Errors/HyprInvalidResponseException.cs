using System;

namespace HyprAuth.Core.Errors;

/// <summary>
/// The server answered with a success status but the body cannot be used. The message says what came
/// back (status, content type, length, what was wrong), never the body itself.
/// </summary>
public sealed class HyprInvalidResponseException(Uri endpoint, int statusCode, string? contentType, long? contentLength, string problem)
    : HyprAuthException($"{endpoint} answered HTTP {statusCode} with {Describe(contentType, contentLength)}: {problem}")
{
    public Uri Endpoint { get; } = endpoint;

    public int StatusCode { get; } = statusCode;

    public string? ContentType { get; } = contentType;

    public long? ContentLength { get; } = contentLength;

    /// <summary>What was wrong, in words ("no access_token", "an HTML page"...).</summary>
    public string Problem { get; } = problem;

    internal static string Describe(string? contentType, long? contentLength)
    {
        var type = string.IsNullOrEmpty(contentType) ? "no content type" : contentType;
        return contentLength.HasValue ? $"{type}, {contentLength.Value} bytes" : type!;
    }
}
