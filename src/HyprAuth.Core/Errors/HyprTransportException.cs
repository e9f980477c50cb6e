using System;

namespace HyprAuth.Core.Errors;

/// <summary>
/// No usable answer arrived: DNS, connection refused, closed or reset, TLS. The inner exception is kept
/// only when it is an HttpRequestException, IOException or SocketException, whose messages hold no secrets.
/// </summary>
public sealed class HyprTransportException : HyprAuthException
{
    public HyprTransportException(Uri endpoint, string message, Exception? innerException = null, bool retryable = true)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        Retryable = retryable;
    }

    public Uri Endpoint { get; }

    /// <summary>False for a host name that does not resolve: asking again a second later gets the same answer.</summary>
    public bool Retryable { get; }
}
