using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Threading;

namespace HyprAuth.Core.Http
{
    /// <summary>
    /// One HttpClient per process per proxy setting, shared by every cmdlet and runspace: connection reuse is most
    /// of the speed, and a client per call exhausts sockets. Timeouts are per request (linked tokens), so the
    /// client's own timeout is infinite and callers with different timeouts share it.
    /// </summary>
    public static class HttpClientProvider
    {
        // .NET Framework lacks the SslProtocols.Tls13 name.
        private const SslProtocols Tls13 = (SslProtocols)12288;

        private static readonly ConcurrentDictionary<ProxySettings, Lazy<HttpClient>> Clients =
            new ConcurrentDictionary<ProxySettings, Lazy<HttpClient>>();

        public static HttpClient Get(ProxySettings? proxy = null) =>
            Clients.GetOrAdd(
                    proxy ?? ProxySettings.System,
                    settings => new Lazy<HttpClient>(() => Create(settings), LazyThreadSafetyMode.ExecutionAndPublication))
                .Value;

        internal static HttpClientHandler CreateHandler(ProxySettings settings)
        {
            var handler = new HttpClientHandler
            {
                // Redirects are decided by the caller: the token endpoint follows none, the API only same-origin ones.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseProxy = true,
            };

            if (settings.Proxy != null)
            {
                // WebProxy.UseDefaultCredentials = false would reset Credentials, so set one or the other.
                var proxy = new WebProxy(settings.Proxy);
                if (settings.UseDefaultCredentials)
                {
                    proxy.UseDefaultCredentials = true;
                }
                else
                {
                    proxy.Credentials = settings.Credential;
                }

                handler.Proxy = proxy;
            }
            else if (settings.Credential != null)
            {
                handler.DefaultProxyCredentials = settings.Credential;
            }
            else if (settings.UseDefaultCredentials)
            {
                handler.DefaultProxyCredentials = CredentialCache.DefaultCredentials;
            }

            if (IsNetFramework)
            {
                // Windows PowerShell 5.1 may default to TLS 1.0; set it on our handler only, never on
                // ServicePointManager, which belongs to the whole process. The default limit of 2
                // connections per server would also serialize parallel runspaces.
                RequireModernTls(handler);
                handler.MaxConnectionsPerServer = 64;
            }

            return handler;
        }

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

        private static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        private static HttpClient Create(ProxySettings settings) =>
            new HttpClient(CreateHandler(settings), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
