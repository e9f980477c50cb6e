using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;
using Xunit;

namespace HyprAuth.Core.Tests.Http;

public sealed class HttpClientProviderTests
{
    [Fact]
    public void One_client_per_proxy_setting()
    {
        var proxy = new ProxySettings(new Uri("http://proxy.example:8080"), new NetworkCredential("user", "pa55"));

        Assert.Same(HttpClientProvider.Get(), HttpClientProvider.Get(ProxySettings.System));
        Assert.Same(HttpClientProvider.Get(proxy),
            HttpClientProvider.Get(new ProxySettings(new Uri("http://proxy.example:8080"), new NetworkCredential("user", "pa55"))));
        Assert.NotSame(HttpClientProvider.Get(), HttpClientProvider.Get(proxy));
        Assert.NotSame(HttpClientProvider.Get(proxy),
            HttpClientProvider.Get(new ProxySettings(new Uri("http://proxy.example:8080"), new NetworkCredential("user", "other"))));
        Assert.Equal(Timeout.InfiniteTimeSpan, HttpClientProvider.Get().Timeout);
        Assert.DoesNotContain("pa55", proxy.ToString());
    }

    [Fact]
    public void Handler_follows_no_redirects_and_keeps_no_cookies()
    {
        using var handler = Assert.IsType<SocketsHttpHandler>(HttpClientProvider.CreateHandler(ProxySettings.System));

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate, handler.AutomaticDecompression);
        Assert.True(handler.UseProxy);
        Assert.Null(handler.Proxy);
    }

    [Fact]
    public void Explicit_proxy_carries_its_credentials()
    {
        var credential = new NetworkCredential("user", "pa55");
        using var handler =
            Assert.IsType<SocketsHttpHandler>(HttpClientProvider.CreateHandler(new ProxySettings(new Uri("http://proxy.example:8080"),
            credential)));

        var proxy = Assert.IsType<WebProxy>(handler.Proxy);
        Assert.Equal(new Uri("http://proxy.example:8080"), proxy.Address);
        Assert.Same(credential, proxy.Credentials);
        Assert.Null(handler.DefaultProxyCredentials);
    }

    [Fact]
    public void System_proxy_gets_the_given_credentials()
    {
        var credential = new NetworkCredential("user", "pa55");
        using var handler = Assert.IsType<SocketsHttpHandler>(HttpClientProvider.CreateHandler(new ProxySettings(null, credential)));

        Assert.Null(handler.Proxy);
        Assert.Same(credential, handler.DefaultProxyCredentials);
    }

    [Fact]
    public void Pooled_connections_are_recycled_so_a_long_lived_host_sees_dns_changes()
    {
        using var handler = Assert.IsType<SocketsHttpHandler>(HttpClientProvider.CreateHandler(ProxySettings.System));

        Assert.Equal(TimeSpan.FromMinutes(5), handler.PooledConnectionLifetime);
    }

    [Fact]
    public void Contradictory_proxy_settings_are_refused()
    {
        Assert.Throws<HyprArgumentException>(() => new ProxySettings(null, new NetworkCredential("u", "p"), useDefaultCredentials: true));
        Assert.Throws<HyprArgumentException>(() => new ProxySettings(new Uri("/relative", UriKind.Relative)));
    }
}
