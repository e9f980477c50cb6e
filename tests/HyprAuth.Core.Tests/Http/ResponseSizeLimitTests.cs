using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Api;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Http;

/// <summary>
/// Through a real HttpClient and sockets: a body over the limit is refused after reading just past the limit, never
/// buffered whole first. The bodies are chunked (no Content-Length), so only the streaming read can stop them.
/// </summary>
public sealed class ResponseSizeLimitTests
{
    private const int BodyBytes = 4 * 1024 * 1024;

    [Fact]
    public async Task An_api_body_over_the_limit_is_read_only_up_to_the_limit()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var wire = new BodyCountingHandler();
        using var http = wire.CreateClient();
        tenant.Fault("api", "status", status: 200, body: new string('x', BodyBytes));
        var request = new ApiRequest(HttpMethod.Get, ApiUri.Build(tenant.TenantUri, "/rp/api/echo"))
        {
            MaximumResponseBytes = 64 * 1024,
            Transport = new TransportOptions(retryPolicy: RetryPolicy.None),
        };

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() =>
            new ApiClient(http, tenant.Clock).SendAsync(request, new StaticTokenProvider("not-checked-by-a-fault"), tenant.Events,
                CancellationToken.None));

        Assert.Contains("larger than the 65536 bytes", error.Message);
        Assert.InRange(wire.BodyBytesRead, 1, request.MaximumResponseBytes + 1);
    }

    [Fact]
    public async Task A_token_response_over_the_limit_is_read_only_up_to_the_limit()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var wire = new BodyCountingHandler();
        using var http = wire.CreateClient();
        var client = tenant.CreateClient();
        tenant.Fault("token", "status", status: 200, body: new string(' ', BodyBytes));

        var error = await Assert.ThrowsAsync<HyprInvalidResponseException>(() =>
            new TokenClient(http, tenant.Clock, tenant.ClockSkew).RequestTokenAsync(tenant.Request(client, RetryPolicy.None), tenant.Events,
                CancellationToken.None));

        Assert.Contains("larger than the 1024 KiB", error.Message);
        Assert.InRange(wire.BodyBytesRead, 1, (1024 * 1024) + 1);
    }

    [Fact]
    public async Task A_body_that_stalls_after_the_headers_is_cut_by_the_attempts_timeout()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var http = new HttpClient(HttpClientProvider.CreateHandler(ProxySettings.System));
        // Headers and half the body at once, then 100 ms of silence before the connection dies.
        tenant.Fault("api", "close");
        var request = new ApiRequest(HttpMethod.Get, ApiUri.Build(tenant.TenantUri, "/rp/api/echo"))
        {
            Transport = new TransportOptions(TimeSpan.FromMilliseconds(40), RetryPolicy.None),
        };

        var error = await Assert.ThrowsAsync<HyprTimeoutException>(() =>
            new ApiClient(http, tenant.Clock).SendAsync(request, new StaticTokenProvider("not-checked-by-a-fault"), tenant.Events,
                CancellationToken.None));

        Assert.Equal(request.Transport.Timeout, error.Timeout);
    }

    /// <summary>In front of the real handler: counts the body bytes anyone reads, HttpClient's buffering included.</summary>
    private sealed class BodyCountingHandler : DelegatingHandler
    {
        private long bodyBytesRead;

        public BodyCountingHandler()
            : base(HttpClientProvider.CreateHandler(ProxySettings.System))
        {
        }

        public long BodyBytesRead => Interlocked.Read(ref bodyBytesRead);

        public HttpClient CreateClient() => new HttpClient(this, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var original = response.Content;
            var counted = new StreamContent(new CountingStream(await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), this));
            foreach (var header in original.Headers)
            {
                counted.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = counted;
            return response;
        }

        private sealed class CountingStream : Stream
        {
            private readonly Stream inner;
            private readonly BodyCountingHandler owner;

            public CountingStream(Stream inner, BodyCountingHandler owner)
            {
                this.inner = inner;
                this.owner = owner;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => throw new NotSupportedException();
                set => throw new NotSupportedException();
            }

            public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }

            private int Count(int read)
            {
                Interlocked.Add(ref owner.bodyBytesRead, read);
                return read;
            }
        }
    }
}
