using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Api
{
    /// <summary>One call to the tenant's API. The bearer token is added by <see cref="ApiClient"/>, never by the caller.</summary>
    public sealed class ApiRequest
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

        public const int DefaultMaximumResponseBytes = 64 * 1024 * 1024;

        private static readonly HashSet<string> ReservedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Authorization", "Host",
        };

        private readonly List<KeyValuePair<string, string>> headers = new List<KeyValuePair<string, string>>();
        private string? contentType;
        private TimeSpan timeout = DefaultTimeout;
        private int maximumResponseBytes = DefaultMaximumResponseBytes;

        /// <param name="uri">Absolute; see <see cref="ApiUri.Build"/>.</param>
        public ApiRequest(HttpMethod method, Uri uri)
        {
            Method = method ?? throw new HyprArgumentException("Method", "The method is required.");
            Uri = uri ?? throw new HyprArgumentException("Path", "The URI is required.");
            if (!uri.IsAbsoluteUri)
            {
                throw new HyprArgumentException("Path", "The request URI must be absolute; build it with ApiUri.Build.");
            }
        }

        public HttpMethod Method { get; }

        public Uri Uri { get; }

        public byte[]? Body { get; set; }

        /// <summary>The body's media type; application/json; charset=utf-8 when a body has none.</summary>
        public string? ContentType
        {
            get => contentType;
            set => contentType = value == null || MediaTypeHeaderValue.TryParse(value, out _)
                ? value
                : throw new HyprArgumentException("ContentType", $"'{value}' is not a valid content type.");
        }

        /// <summary>Extra headers, in the order given.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Headers => headers;

        /// <summary>The limit for each attempt.</summary>
        public TimeSpan Timeout
        {
            get => timeout;
            set => timeout = value > TimeSpan.Zero || value == System.Threading.Timeout.InfiniteTimeSpan
                ? value
                : throw new HyprArgumentException("TimeoutSec", "The timeout must be positive.");
        }

        public RetryPolicy RetryPolicy { get; set; } = RetryPolicy.Default;

        public ProxySettings Proxy { get; set; } = ProxySettings.System;

        /// <summary>A larger success body is an error rather than a memory hazard.</summary>
        public int MaximumResponseBytes
        {
            get => maximumResponseBytes;
            set => maximumResponseBytes = value > 0 ? value : throw new HyprArgumentException("MaximumResponseBytes", "The response size limit must be positive.");
        }

        /// <summary>Adds an extra header. Authorization and Host are refused: the token and the tenant decide them.</summary>
        public void AddHeader(string name, string? value)
        {
            const string parameter = "Headers";
            if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(new[] { ' ', ':', '\r', '\n', '\t' }) >= 0)
            {
                throw new HyprArgumentException(parameter, $"'{name}' is not a valid header name.");
            }

            if (ReservedHeaders.Contains(name.Trim()))
            {
                throw new HyprArgumentException(parameter, $"The {name.Trim()} header cannot be set this way: HyprAuth sends the bearer token itself, to the tenant only.");
            }

            if (value != null && (value.IndexOf('\r') >= 0 || value.IndexOf('\n') >= 0))
            {
                throw new HyprArgumentException(parameter, $"The value of the {name.Trim()} header contains a line break.");
            }

            headers.Add(new KeyValuePair<string, string>(name.Trim(), value ?? string.Empty));
        }

        public override string ToString() => Method + " " + EndpointPolicy.WithoutQuery(Uri);
    }
}
