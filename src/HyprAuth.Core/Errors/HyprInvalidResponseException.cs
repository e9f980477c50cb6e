using System;

namespace HyprAuth.Core.Errors;

/// <summary>
/// The server answered with a success status but the body cannot be used. The message says what came
/// back (status, content type, length, what was wrong), never the body itself.
/// </summary>
public sealed class HyprInvalidResponseException : HyprAuthException
{
    public HyprInvalidResponseException(Uri endpoint, int statusCode, string? contentType, long? contentLength, string problem)
        : base($"{endpoint} answered HTTP {statusCode} with {Describe(contentType, contentLength)}: {problem}")
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
        ContentType = contentType;
        ContentLength = contentLength;
        Problem = problem;
    }

    public Uri Endpoint { get; }

    public int StatusCode { get; }

    public string? ContentType { get; }

    public long? ContentLength { get; }

    /// <summary>What was wrong, in words ("no access_token", "an HTML page"...).</summary>
    public string Problem { get; }

    private static string Describe(string? contentType, long? contentLength)
    {
        var type = string.IsNullOrEmpty(contentType) ? "no content type" : contentType;
        return contentLength.HasValue ? $"{type}, {contentLength.Value} bytes" : type!;
    }
}
