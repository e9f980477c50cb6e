using System;

namespace HyprAuth.Core.Errors;

/// <summary>
/// A redirect was not followed: the token endpoint never follows one (it would re-send the assertion),
/// the API follows only same-origin ones (the Authorization header must not reach another host).
/// </summary>
public sealed class HyprRedirectException(Uri endpoint, int statusCode, Uri? target, string reason)
    : HyprAuthException($"{endpoint} answered HTTP {statusCode}, a redirect to {Describe(target)}, which was not followed: {reason}")
{
    public Uri Endpoint { get; } = endpoint;

    public int StatusCode { get; } = statusCode;

    /// <summary>The host the server pointed at; null when the Location header was missing or relative.</summary>
    public string? TargetHost { get; } = target?.IsAbsoluteUri == true ? target.Host : null;

    // The host and scheme only: a Location's path or query may carry anything.
    private static string Describe(Uri? target) => target switch
    {
        null => "nowhere (no Location header)",
        { IsAbsoluteUri: true } => target.Scheme + "://" + target.Authority,
        _ => "a relative location",
    };
}
