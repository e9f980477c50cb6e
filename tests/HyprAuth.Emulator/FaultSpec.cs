using System;
using System.Collections.Generic;

namespace HyprAuth.Emulator;

/// <summary>
/// A misbehaviour served to the next <see cref="Count"/> requests matching <see cref="Route"/>:
/// "token" (the exchange endpoint), "api" (anything under /rp/api/) or an exact path.
/// </summary>
public sealed record FaultSpec
{
    public const string TokenRoute = "token";
    public const string ApiRoute = "api";

    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "status", "delay", "malformed-json", "html", "close", "reset", "redirect",
    };

    public required string Route { get; init; }
    public required string Kind { get; init; }
    /// <summary>Also match the query: every name=value pair given (e.g. "pageNumber=3") must be in the request's query.</summary>
    public string? Query { get; init; }

    /// <summary>How many matching requests get the fault; null means 1.</summary>
    public int? Count { get; init; }

    /// <summary>Status code for "status" (required), "delay" (optional: respond instead of handling), "html" (default 502), "redirect" (default
    /// 307).</summary>
    public int? Status { get; init; }

    /// <summary>Body for "status"; sent with <see cref="ContentType"/> (default application/json).</summary>
    public string? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Sent verbatim as Retry-After: seconds, an HTTP-date or garbage, to test the client's parsing.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Wait before answering; for "delay" the request is then handled normally unless a status is given.</summary>
    public int? DelayMs { get; init; }

    /// <summary>Redirect target; default is the same path and query on http://localhost:&lt;port&gt; (another host name).</summary>
    public string? Location { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> with a message for the control route's 400.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Route))
        {
            throw new ArgumentException("route is required: \"token\", \"api\" or an exact path starting with /");
        }

        if (Route is not (TokenRoute or ApiRoute) && !Route.StartsWith('/'))
        {
            throw new ArgumentException($"route must be \"token\", \"api\" or a path starting with /, not '{Route}'");
        }

        if (!Kinds.Contains(Kind))
        {
            throw new ArgumentException($"kind must be one of {string.Join(", ", Kinds)}");
        }

        if (Count is < 1)
        {
            throw new ArgumentException("count must be at least 1");
        }

        if (Kind == "status" && Status is null)
        {
            throw new ArgumentException("a status fault needs status");
        }

        if (Kind == "delay" && DelayMs is null)
        {
            throw new ArgumentException("a delay fault needs delayMs");
        }

        if (Status is < 100 or > 599)
        {
            throw new ArgumentException("status must be 100-599");
        }

        if (DelayMs is < 0)
        {
            throw new ArgumentException("delayMs must not be negative");
        }
    }
}
