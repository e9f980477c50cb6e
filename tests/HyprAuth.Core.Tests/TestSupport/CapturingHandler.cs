using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Tests.TestSupport;

/// <summary>
/// Sits in front of the real handler and keeps every secret it sent (assertions, bearer tokens), so tests can prove none of them reached a
/// message.
/// </summary>
internal sealed class CapturingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<string> assertions = new ConcurrentQueue<string>();
    private readonly ConcurrentQueue<string> tokens = new ConcurrentQueue<string>();
    private readonly ConcurrentQueue<string> requests = new ConcurrentQueue<string>();
    private int requestCount;

    public CapturingHandler()
        : base(HttpClientProvider.CreateHandler(ProxySettings.System))
    {
    }

    public int RequestCount => Volatile.Read(ref requestCount);

    public IReadOnlyList<string> Assertions => assertions.ToList();

    public IReadOnlyList<string> Tokens => tokens.ToList();

    /// <summary>"METHOD absolute-uri" per request.</summary>
    public IReadOnlyList<string> Requests => requests.ToList();

    public IEnumerable<string> Secrets => assertions.Concat(tokens);

    public HttpClient CreateClient() => new HttpClient(this, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requestCount);
        requests.Enqueue(request.Method + " " + request.RequestUri);
        if (request.Headers.Authorization?.Parameter is string bearer)
        {
            tokens.Enqueue(bearer);
        }

        if (request.Content is FormUrlEncodedContent form)
        {
            var text = await form.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            foreach (var pair in text.Split('&').Select(part => part.Split('=')).Where(part => part[0] == "client_assertion"))
            {
                assertions.Enqueue(Uri.UnescapeDataString(pair[1]));
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
