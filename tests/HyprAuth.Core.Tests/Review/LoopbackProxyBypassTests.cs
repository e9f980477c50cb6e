using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>Defect 6: plain HTTP is allowed to loopback only because it stays on the machine, so loopback never goes through a proxy.</summary>
public sealed class LoopbackProxyBypassTests
{
    [Fact]
    public async Task An_explicit_proxy_never_sees_a_loopback_exchange()
    {
        await using var tenant = await TestTenant.StartAsync();
        var client = tenant.CreateClient();
        using var proxy = new ListeningProxy();
        var request = new TokenRequest(tenant.TokenEndpoint, client.ClientId, HyprSigningKey.Import(client.ClientKey))
        {
            Transport = new TransportOptions(
                TimeSpan.FromSeconds(5), RetryPolicy.None, new ProxySettings(new Uri("http://127.0.0.1:" + proxy.Port))),
        };

        // The process's shared HTTP clients, as the cmdlets use them.
        tenant.Remember(await new TokenClient().RequestTokenAsync(request, tenant.Events, CancellationToken.None));

        Assert.Equal(0, proxy.Connections);
        Assert.Equal(1, tenant.Exchanges(client));
    }

    /// <summary>A "proxy" that counts the connections it is offered and answers none.</summary>
    private sealed class ListeningProxy : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private int connections;

        public ListeningProxy()
        {
            listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref connections);

        public void Dispose() => listener.Stop();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var socket = await listener.AcceptSocketAsync();
                    Interlocked.Increment(ref connections);
                }
            }
            catch (Exception stopped) when (stopped is SocketException || stopped is ObjectDisposedException)
            {
                // Disposed: the test is over.
            }
        }
    }
}
