using System;

namespace HyprAuth.Core.Errors;

/// <summary>
/// The TLS handshake failed: most often the server's certificate was not trusted (unknown authority, another host
/// name, expired). Never retried: the same certificate fails the same way. HyprAuth has no switch to accept it anyway.
/// </summary>
public sealed class HyprTlsException : HyprAuthException
{
    public HyprTlsException(Uri endpoint, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }
}
