using System;
using System.Net;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Http;

/// <summary>
/// Which URIs the engine talks to: HTTPS, or plain HTTP to a loopback host (the emulator) and nothing else.
/// Checked before any request, so a mistyped http:// never sends an assertion or a token in clear text.
/// </summary>
public static class EndpointPolicy
{
    /// <summary>
    /// Accepts https://host[:port] or a bare host name (then https://). A path is refused: the module adds HYPR's
    /// paths (/rp/...) itself, so https://tenant/rp would post to /rp/rp/... and get a 404.
    /// </summary>
    public static Uri ParseTenantUri(string? tenantUri)
    {
        const string Parameter = "TenantUri";
        var text = tenantUri?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new HyprArgumentException(Parameter, "The tenant URI is empty. Give it as https://<tenant>.hypr.com.");
        }

        bool schemeGiven = text!.IndexOf("://", StringComparison.Ordinal) >= 0;
        if (!Uri.TryCreate(schemeGiven ? text : "https://" + text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new HyprArgumentException(Parameter,
                $"'{ForMessages(tenantUri!)}' is not a valid tenant URI. Give it as https://<tenant>.hypr.com.");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new HyprArgumentException(Parameter, "The tenant URI must not have a query or fragment. Give it as https://<tenant>.hypr.com.");
        }

        if (uri.AbsolutePath.Trim('/').Length > 0)
        {
            throw new HyprArgumentException(Parameter,
                $"The tenant URI has a path ({uri.AbsolutePath}): use the bare tenant address, e.g. {uri.GetLeftPart(UriPartial.Authority)}; " +
                    "HyprAuth adds HYPR's paths itself. For a token endpoint elsewhere, use -TokenEndpoint.");
        }

        if (!schemeGiven && IsLoopback(uri))
        {
            // A bare host name means HTTPS, but a local emulator speaks plain HTTP: the TLS handshake would fail
            // after its retries with "corrupted frame", saying nothing of the cause.
            throw new HyprArgumentException(Parameter,
                $"The tenant URI '{ForMessages(tenantUri!.Trim())}' has no scheme: write " +
                    $"http://{uri.Authority} for a local emulator, or https://{uri.Authority}.");
        }

        EnsureAllowed(uri, Parameter);
        return new Uri(uri.GetLeftPart(UriPartial.Authority), UriKind.Absolute);
    }

    /// <summary>The token endpoint: the tenant's HYPR path, or an absolute override (for any RFC 7523 server).</summary>
    public static Uri ResolveTokenEndpoint(Uri tenantUri, string? tokenEndpoint = null)
    {
        const string Parameter = "TokenEndpoint";
        if (string.IsNullOrWhiteSpace(tokenEndpoint))
        {
            return new Uri(tenantUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + HyprDefaults.TokenEndpointPath, UriKind.Absolute);
        }

        var text = tokenEndpoint!.Trim();
        if (text.StartsWith("/", StringComparison.Ordinal)
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new HyprArgumentException(Parameter,
                $"The token endpoint must be an absolute https:// URI; '{ForMessages(tokenEndpoint!)}' is not.");
        }

        EnsureAllowed(uri, Parameter);
        return uri;
    }

    /// <summary>Throws unless the URI is https://, or http:// to a loopback host.</summary>
    public static void EnsureAllowed(Uri uri, string parameterName)
    {
        if (!uri.IsAbsoluteUri)
        {
            throw new HyprArgumentException(parameterName, $"'{uri}' is not an absolute URI.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new HyprArgumentException(parameterName, "The URI must not contain a user name or password.");
        }

        if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
        {
            return;
        }

        throw new HyprArgumentException(parameterName, uri.Scheme == Uri.UriSchemeHttp
            ? $"http://{uri.Authority} is not allowed: tokens and assertions travel only over HTTPS. " +
                $"Use https://{uri.Authority} (plain HTTP is accepted for loopback hosts only)."
            : $"The scheme '{uri.Scheme}' is not supported; use https://.");
    }

    public static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Scheme, host and port agree.</summary>
    public static bool IsSameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>
    /// Text the user gave as a URI or a path, fit for messages and error targets: without a user name and password,
    /// a query or a fragment, which may carry anything. Other text is returned as it is.
    /// </summary>
    public static string ForMessages(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var trimmed = text.TrimStart();
        if (scheme < 0 && !trimmed.StartsWith("/", StringComparison.Ordinal) && !trimmed.StartsWith("\\", StringComparison.Ordinal))
        {
            return text;
        }

        var end = text.IndexOfAny(['?', '#']);
        var result = end < 0 ? text : text.Substring(0, end);
        if (scheme >= 0)
        {
            var authorityEnd = result.IndexOfAny(['/', '\\'], scheme + 3);
            var at = result.LastIndexOf('@', authorityEnd < 0 ? result.Length - 1 : authorityEnd - 1);
            if (at > scheme)
            {
                result = result.Substring(0, scheme + 3) + result.Substring(at + 1);
            }
        }

        return result;
    }

    /// <summary>A URI fit for messages: a query string may carry anything.</summary>
    public static Uri WithoutQuery(Uri uri) => new(uri.GetLeftPart(UriPartial.Path), UriKind.Absolute);
}
