using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
#if !NET8_0_OR_GREATER
using System.Security.Authentication;
#endif
using System.Threading;

namespace HyprAuth.Core.Http;

/// <summary>
/// One HttpClient per process per proxy setting, shared by every cmdlet and runspace: connection reuse is most
/// of the speed, and a client per call exhausts sockets. Timeouts are per request (linked tokens), so the
/// client's own timeout is infinite and callers with different timeouts share it.
/// </summary>
public static class HttpClientProvider
{
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    private static readonly ConcurrentDictionary<ProxySettings, Lazy<HttpClient>> Clients = new();

    public static HttpClient Get(ProxySettings? proxy = null) =>
        Clients.GetOrAdd(proxy ?? ProxySettings.System, settings => new(() => Create(settings), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>
    /// The client for a request to <paramref name="target"/>: a loopback target never goes through a proxy (the system's
    /// or <paramref name="proxy"/>), since plain HTTP is allowed there only because the traffic stays on the machine.
    /// </summary>
    public static HttpClient For(Uri target, ProxySettings? proxy) =>
        Get(EndpointPolicy.IsLoopback(target) ? ProxySettings.Direct : proxy);

    /// <summary>
    /// On .NET 8 or later (PowerShell 7) a SocketsHttpHandler that retires pooled connections after
    /// <see cref="PooledConnectionLifetime"/>, so that a long-lived host (a service running runspaces for weeks)
    /// follows DNS changes: a reused connection never looks the name up again. On .NET Framework (Windows PowerShell
    /// 5.1) an HttpClientHandler, whose connections only ServicePointManager recycles; that belongs to the whole
    /// process, so to the host, and HyprAuth leaves it alone (idle connections still close after 100 s by default).
    /// Either way: no redirects (the caller decides them: the token endpoint follows none, the API only same-origin
    /// ones), no cookies, and the proxy of <paramref name="settings"/>.
    /// </summary>
    internal static HttpMessageHandler CreateHandler(ProxySettings settings)
    {
        IWebProxy? proxy = null;
        ICredentials? defaultProxyCredentials = null;
        if (settings.Proxy != null)
        {
            // WebProxy.UseDefaultCredentials = false would reset Credentials, so set one or the other.
            var webProxy = new WebProxy(settings.Proxy);
            if (settings.UseDefaultCredentials)
            {
                webProxy.UseDefaultCredentials = true;
            }
            else
            {
                webProxy.Credentials = settings.Credential;
            }

            proxy = webProxy;
        }
        else
        {
            defaultProxyCredentials = settings.Credential ?? (settings.UseDefaultCredentials ? CredentialCache.DefaultCredentials : null);
        }

#if NET8_0_OR_GREATER
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseProxy = !settings.IsDirect,
            Proxy = proxy,
            DefaultProxyCredentials = defaultProxyCredentials,
            PooledConnectionLifetime = PooledConnectionLifetime,
        };
#else
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseProxy = !settings.IsDirect,
        };

        if (proxy != null)
        {
            handler.Proxy = proxy;
        }

        if (defaultProxyCredentials != null)
        {
            handler.DefaultProxyCredentials = defaultProxyCredentials;
        }

        // Windows PowerShell 5.1 may default to TLS 1.0; set it on our handler only, never on ServicePointManager,
        // which belongs to the whole process. The default limit of 2 connections per server would also serialize
        // parallel runspaces.
        RequireModernTls(handler);
        handler.MaxConnectionsPerServer = 64;
        return handler;
#endif
    }

#if !NET8_0_OR_GREATER
    // .NET Framework lacks the SslProtocols.Tls13 name.
    private const SslProtocols Tls13 = (SslProtocols)12288;

    // .NET Framework 4.7.2 knows no TLS 1.3 and refuses the flag; 4.8 accepts it and Windows uses it where it can.
    private static void RequireModernTls(HttpClientHandler handler)
    {
        try
        {
            handler.SslProtocols = SslProtocols.Tls12 | Tls13;
        }
        catch (Exception exception) when (exception is NotSupportedException || exception is ArgumentException)
        {
            handler.SslProtocols = SslProtocols.Tls12;
        }
    }
#endif

    private static HttpClient Create(ProxySettings settings) =>
        new(CreateHandler(settings), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
}
