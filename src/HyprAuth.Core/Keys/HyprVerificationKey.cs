using System;
using System.Security.Cryptography;
using System.Threading;

namespace HyprAuth.Core.Keys;

/// <summary>A P-256 public key that checks ES256 signatures, as HYPR's server does with the key it holds for a client.</summary>
public sealed class HyprVerificationKey : IDisposable
{
    private const string Noun = "public key";

    private readonly ECDsa ecdsa;
    private readonly P256PublicKey publicKey;
    private int disposed;

    private HyprVerificationKey(P256PublicKey publicKey)
    {
        this.ecdsa = P256KeyFactory.CreatePublic(publicKey.X, publicKey.Y, Noun);
        this.publicKey = publicKey;
    }

    /// <summary>RFC 7638 JWK SHA-256 thumbprint, base64url.</summary>
    public string Thumbprint => this.publicKey.Thumbprint;

    public string PublicJwk => this.publicKey.Jwk;

    /// <summary>
    /// Imports a public EC JWK, PEM PUBLIC KEY or base64 SubjectPublicKeyInfo. Private key text in any form
    /// <see cref="HyprSigningKey.Import(string)"/> takes is accepted too; only its public half is kept.
    /// </summary>
    public static HyprVerificationKey Import(string publicKeyText)
    {
        var chars = publicKeyText?.ToCharArray() ?? throw KeyRefusals.Empty(Noun);
        try
        {
            using var material = KeyTextDecoder.Decode(chars, 0, chars.Length, Noun);
            if (material.D == null)
            {
                return new HyprVerificationKey(new P256PublicKey(material.X!, material.Y!));
            }

            using var signingKey = HyprSigningKey.FromMaterial(material, Noun);
            return FromSigningKey(signingKey);
        }
        finally
        {
            Array.Clear(chars, 0, chars.Length);
        }
    }

    public static HyprVerificationKey FromSigningKey(HyprSigningKey key) =>
        new HyprVerificationKey((key ?? throw new ArgumentNullException(nameof(key))).PublicKey);

    /// <summary>True when <paramref name="signature64"/> is a 64-byte R||S ES256 signature of <paramref name="data"/> by this key.</summary>
    public bool Verify(byte[] data, byte[] signature64)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        if (signature64 == null)
        {
            throw new ArgumentNullException(nameof(signature64));
        }

        if (Volatile.Read(ref disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(HyprVerificationKey));
        }

        return signature64.Length == 2 * P256.Size && this.ecdsa.VerifyData(data, signature64, HashAlgorithmName.SHA256);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            this.ecdsa.Dispose();
        }
    }

    public override string ToString() => $"HyprVerificationKey P-256 {Thumbprint}";
}
