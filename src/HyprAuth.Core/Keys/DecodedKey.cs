using System;

namespace HyprAuth.Core.Keys;

/// <summary>
/// A decoded P-256 key: the private scalar when there is one, the public point when the input carried it.
/// All arrays are 32 bytes, big-endian; Dispose clears the private scalar.
/// </summary>
internal sealed class DecodedKey : IDisposable
{
    public const string Pkcs8 = "PKCS#8";
    public const string Sec1 = "SEC1 EC PRIVATE KEY";
    public const string SubjectPublicKeyInfo = "SubjectPublicKeyInfo";
    public const string Jwk = "JWK";

    public DecodedKey(string format, byte[]? d, byte[]? x, byte[]? y)
    {
        Format = format;
        D = d;
        X = x;
        Y = y;
    }

    /// <summary>What the input was (one of the constants above), for messages.</summary>
    public string Format { get; }

    public byte[]? D { get; }

    public byte[]? X { get; }

    public byte[]? Y { get; }

    public void Dispose()
    {
        if (D != null)
        {
            Array.Clear(D, 0, D.Length);
        }
    }
}
