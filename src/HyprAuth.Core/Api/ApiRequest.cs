using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Api;

/// <summary>One call to the tenant's API. The bearer token is added by <see cref="ApiClient"/>, never by the caller.</summary>
public sealed class ApiRequest
{
    public const int DefaultMaximumResponseBytes = 64 * 1024 * 1024;

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Host" };

    // Hop-by-hop and framing headers (RFC 9110 section 7.6.1, RFC 9112): the HTTP stack decides them from the body and
    // the connection; set by hand they make a request it cannot send, which looked like a connection failure and was retried.
    private static readonly HashSet<string> TransportHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Content-Length", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    private readonly List<KeyValuePair<string, string>> headers = [];

    /// <param name="uri">Absolute; see <see cref="ApiUri.Build"/>.</param>
    public ApiRequest(HttpMethod method, Uri uri)
    {
        Method = method ?? throw new HyprArgumentException("Method", "The method is required.");
        Uri = uri?.IsAbsoluteUri == true ? uri : throw new HyprArgumentException(
            "Path", uri == null ? "The URI is required." : "The request URI must be absolute; build it with ApiUri.Build.");
    }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    public byte[]? Body { get; set; }

    /// <summary>The body's media type; application/json; charset=utf-8 when a body has none.</summary>
    public string? ContentType
    {
        get;
        set => field = value == null || MediaTypeHeaderValue.TryParse(value, out _)
            ? value
            : throw new HyprArgumentException("ContentType", $"'{value}' is not a valid content type.");
    }

    /// <summary>Extra headers, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => headers;

    /// <summary>The per-attempt timeout, the retries and the proxy.</summary>
    public TransportOptions Transport
    {
        get;
        set => field = value ?? throw new HyprArgumentException(nameof(Transport), "The transport options must not be null.");
    } = TransportOptions.Default;

    /// <summary>A larger success body is an error rather than a memory hazard.</summary>
    public int MaximumResponseBytes
    {
        get;
        set => field = value > 0 ? value : throw new HyprArgumentException("MaximumResponseBytes", "The response size limit must be positive.");
    } = DefaultMaximumResponseBytes;

    /// <summary>
    /// Adds an extra header. Authorization and Host are refused: the token and the tenant decide them; so are the framing
    /// and hop-by-hop headers (Content-Length, Transfer-Encoding, Connection...). The name must be
    /// an RFC 9110 token and the value visible ASCII, spaces and tabs; the error names the header, never its value.
    /// </summary>
    public void AddHeader(string name, string? value)
    {
        const string Parameter = "Headers";
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || !trimmed.All(IsTokenCharacter))
        {
            throw new HyprArgumentException(Parameter,
                $"'{Printable(trimmed)}' is not a valid header name: RFC 9110 allows letters, digits and !#$%&'*+-.^_`|~ only.");
        }

        if (ReservedHeaders.Contains(trimmed))
        {
            throw new HyprArgumentException(Parameter,
                $"The {trimmed} header cannot be set this way: HyprAuth sends the bearer token itself, to the tenant only.");
        }

        if (TransportHeaders.Contains(trimmed))
        {
            throw new HyprArgumentException(Parameter,
                $"The {trimmed} header cannot be set this way: the HTTP stack sets the message framing and connection headers itself.");
        }

        if (value != null && !value.All(c => (c >= ' ' && c <= '~') || c == '\t'))
        {
            var why = value.IndexOf('\r') >= 0 || value.IndexOf('\n') >= 0 ? "a line break"
                : "characters that are not visible ASCII, space or tab";
            throw new HyprArgumentException(Parameter,
                $"The value of the {trimmed} header contains {why}; nothing was sent. Percent-encode or base64-encode such a value.");
        }

        headers.Add(new(trimmed, value ?? string.Empty));
    }

    // RFC 9110 section 5.6.2: tchar.
    private static bool IsTokenCharacter(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;

    // A name typed with a line break or an escape must not forge lines in a message.
    private static string Printable(string text) =>
        string.Concat(text.Select(c => c < ' ' || c == '\u007f' ? "\\u"
            + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));

    public override string ToString() => Method + " " + EndpointPolicy.WithoutQuery(Uri);
}
