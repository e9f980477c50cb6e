using System;
using System.Net;
using System.Net.Http;

namespace HyprAuth.Core.Http
{
    /// <summary>
    /// On .NET Core and .NET 5 or later (PowerShell 7): a SocketsHttpHandler that retires pooled connections after
    /// <see cref="PooledConnectionLifetime"/>, so that a long-lived host (a service running runspaces for weeks)
    /// follows DNS changes: a reused connection never looks the name up again. The type is public there but not in
    /// netstandard2.0, so it is created, and set through its public properties, by reflection.
    /// <para>
    /// On .NET Framework (Windows PowerShell 5.1) there is none, and <see cref="TryCreate"/> returns null. There
    /// connections are recycled only by ServicePointManager (ConnectionLeaseTimeout, per ServicePoint), which belongs
    /// to the whole process and so to the host, not to a module: HyprAuth leaves it alone. Idle connections still
    /// close after ServicePointManager.MaxServicePointIdleTime (100 s by default), so only a host calling without pause
    /// keeps an old address, until the server closes the connection.
    /// </para>
    /// </summary>
    internal static class SocketsHandlerFactory
    {
        public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

        private static readonly Type? HandlerType = typeof(HttpClientHandler).Assembly.GetType("System.Net.Http.SocketsHttpHandler");

        /// <summary>The handler, set as <see cref="HttpClientProvider"/> sets its own; null on .NET Framework.</summary>
        public static HttpMessageHandler? TryCreate(IWebProxy? proxy, ICredentials? defaultProxyCredentials, bool useProxy)
        {
            if (HandlerType == null)
            {
                return null;
            }

            var handler = (HttpMessageHandler)Activator.CreateInstance(HandlerType)!;
            Set(handler, "AllowAutoRedirect", false);
            Set(handler, "UseCookies", false);
            Set(handler, "AutomaticDecompression", DecompressionMethods.GZip | DecompressionMethods.Deflate);
            Set(handler, "UseProxy", useProxy);
            Set(handler, "Proxy", proxy);
            Set(handler, "DefaultProxyCredentials", defaultProxyCredentials);
            Set(handler, "PooledConnectionLifetime", PooledConnectionLifetime);
            return handler;
        }

        private static void Set(HttpMessageHandler handler, string property, object? value) =>
            HandlerType!.GetProperty(property)!.SetValue(handler, value);
    }
}
