using System;

namespace HyprAuth.Core.Errors
{
    /// <summary>
    /// No usable answer arrived: DNS, connection refused, closed or reset, TLS. The inner exception is kept
    /// only when it is an HttpRequestException, IOException or SocketException, whose messages hold no secrets.
    /// </summary>
    public sealed class HyprTransportException : HyprAuthException
    {
        public HyprTransportException(Uri endpoint, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Endpoint = endpoint;
        }

        public Uri Endpoint { get; }
    }
}
