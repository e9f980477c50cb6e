using System;

namespace HyprAuth.Core.Errors;

/// <summary>
/// A redirect was not followed: the token endpoint never follows one (it would re-send the assertion),
/// the API follows only same-origin ones (the Authorization header must not reach another host).
/// </summary>
public sealed class HyprRedirectException : HyprAuthException
{
    public HyprRedirectException(Uri endpoint, int statusCode, Uri? target, string reason)
        : base($"{endpoint} answered HTTP {statusCode}, a redirect to {Describe(target)}, which was not followed: {reason}")
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
        TargetHost = target?.IsAbsoluteUri == true ? target.Host : null;
    }

    public Uri Endpoint { get; }

    public int StatusCode { get; }

    /// <summary>The host the server pointed at; null when the Location header was missing or relative.</summary>
    public string? TargetHost { get; }

    private static string Describe(Uri? target)
    {
        if (target == null)
        {
            return "nowhere (no Location header)";
        }

        // The host and scheme only: a Location's path or query may carry anything.
        return target.IsAbsoluteUri ? target.Scheme + "://" + target.Authority : "a relative location";
    }
}
