using System;

namespace HyprAuth.Core.Keys;

/// <summary>
/// A decoded P-256 key: the private scalar when there is one, the public point when the input carried it.
/// All arrays are 32 bytes, big-endian; Dispose clears the private scalar.
/// </summary>
internal sealed class DecodedKey(string format, byte[]? d, byte[]? x, byte[]? y) : IDisposable
{
    public const string Pkcs8 = "PKCS#8";
    public const string Sec1 = "SEC1 EC PRIVATE KEY";
    public const string SubjectPublicKeyInfo = "SubjectPublicKeyInfo";
    public const string Jwk = "JWK";

    /// <summary>What the input was (one of the constants above), for messages.</summary>
    public string Format { get; } = format;

    public byte[]? D { get; } = d;

    public byte[]? X { get; } = x;

    public byte[]? Y { get; } = y;

    public void Dispose() => D?.AsSpan().Clear();
}
