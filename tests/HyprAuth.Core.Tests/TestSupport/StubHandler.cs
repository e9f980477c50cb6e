using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace HyprAuth.Core.Tests.TestSupport;

/// <summary>Answers every request with what the test says, counting them; for responses no real server would give.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, Task<HttpResponseMessage>> respond;
    private int requestCount;

    public StubHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> respond)
    {
        this.respond = respond;
    }

    public int RequestCount => Volatile.Read(ref requestCount);

    public HttpClient CreateClient() => new HttpClient(this, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requestCount);
        return respond(request);
    }
}
