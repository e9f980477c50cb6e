using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Api;

/// <summary>Joins the tenant, a relative path and query parameters into a request URI, percent-encoding what needs it.</summary>
public static class ApiUri
{
    private const string Parameter = "Path";

    // RFC 3986 pchar (with '/'); the query additionally allows '?'. Everything else is percent-encoded as UTF-8.
    private const string SubDelimiters = "!$&'()*+,;=";

    private static readonly Regex Scheme = new(@"^[A-Za-z][A-Za-z0-9+\-.]*:", RegexOptions.CultureInvariant);

    /// <param name="tenantUri">From <see cref="EndpointPolicy.ParseTenantUri"/>.</param>
    /// <param name="path">Relative to the tenant (/rp/api/...); may carry its own query. An absolute URI must be on the tenant's origin.</param>
    /// <param name="query">Added to the query, names and values encoded; a name may repeat.</param>
    public static Uri Build(Uri tenantUri, string path, IEnumerable<KeyValuePair<string, string?>>? query = null)
    {
        var text = path?.Trim() ?? string.Empty;
        if (text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("\\", StringComparison.Ordinal)
            || text.StartsWith("/\\", StringComparison.Ordinal))
        {
            throw new HyprArgumentException(Parameter,
                "The path starts with // or \\, which names another host; give a path relative to the tenant, such as /rp/api/...");
        }

        string baseText;
        if (Scheme.IsMatch(text))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var absolute) || !EndpointPolicy.IsSameOrigin(absolute, tenantUri))
            {
                throw new HyprArgumentException(Parameter,
                    "The path is an absolute URI outside the tenant " +
                    $"{tenantUri.GetLeftPart(UriPartial.Authority)}; the bearer token is sent to the tenant only.");
            }

            baseText = absolute.GetLeftPart(UriPartial.Authority);
            text = absolute.PathAndQuery;
        }
        else
        {
            baseText = tenantUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            text = "/" + text.TrimStart('/');
        }

        var builder = new StringBuilder(baseText);
        var queryStart = text.IndexOf('?');
        var fragment = text.IndexOf('#');
        if (fragment >= 0 && (queryStart < 0 || fragment < queryStart))
        {
            throw new HyprArgumentException(Parameter, "The path contains '#'; encode it as %23 if it belongs to the path.");
        }

        AppendEncoded(builder, queryStart < 0 ? text : text.Substring(0, queryStart), "/:@");
        var separator = '?';
        if (queryStart >= 0 && queryStart < text.Length - 1)
        {
            builder.Append('?');
            AppendEncoded(builder, text.Substring(queryStart + 1), "/:@?");
            separator = '&';
        }

        foreach (var pair in query ?? [])
        {
            builder.Append(separator).Append(EscapeComponent(pair.Key)).Append('=').Append(EscapeComponent(pair.Value ?? string.Empty));
            separator = '&';
        }

        var uri = new Uri(builder.ToString(), UriKind.Absolute);
        EndpointPolicy.EnsureAllowed(uri, "TenantUri");
        return uri;
    }

    // Percent-encodes everything but RFC 3986's unreserved characters (UTF-8), the same on every .NET.
    private static string EscapeComponent(string value) => AppendEncoded(new StringBuilder(), value, string.Empty, component: true).ToString();

    /// <param name="component">A query name or value: sub-delimiters and percent signs are encoded too.</param>
    private static StringBuilder AppendEncoded(StringBuilder builder, string text, string alsoAllowed, bool component = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var c = (char)b;
            var allowed = b < 0x80
                && (IsUnreserved(c)
                    || alsoAllowed.IndexOf(c) >= 0
                    || (!component && SubDelimiters.IndexOf(c) >= 0)
                    || (!component && c == '%' && i + 2 < bytes.Length && IsHex(bytes[i + 1]) && IsHex(bytes[i + 2])));
            if (allowed)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder;
    }

    private static bool IsUnreserved(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';

    private static bool IsHex(byte b) => (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F') || (b >= 'a' && b <= 'f');
}
