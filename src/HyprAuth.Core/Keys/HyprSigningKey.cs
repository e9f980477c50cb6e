using System;
using System.Security.Cryptography;
using System.Threading;
using HyprAuth.Core.Errors;
using Microsoft.IdentityModel.Tokens;

namespace HyprAuth.Core.Keys;

/// <summary>
/// A P-256 private key that signs ES256 through Microsoft.IdentityModel.Tokens. The private key lives only in the
/// platform's ECDsa object: nothing here exports or prints it, and every buffer used to import it is cleared.
/// </summary>
public sealed class HyprSigningKey : IDisposable
{
    private const string Noun = "client key";

    private readonly ECDsa ecdsa;
    private readonly SignatureProvider signer;
    private int disposed;

    private HyprSigningKey(ECDsa ecdsa)
    {
        this.ecdsa = ecdsa;
        var q = ecdsa.ExportParameters(false).Q;
        PublicKey = new P256PublicKey(q.X!, q.Y!);

        // A factory of our own without a provider cache: CryptoProviderFactory.Default would keep the provider, and with it
        // this key, in a process-wide cache after Dispose. The provider is created once; its Sign is thread-safe (it hands
        // each caller its own adapter and hash from a pool; the ECDsa they share signs concurrently on OpenSSL and CNG).
        var factory = new CryptoProviderFactory { CacheSignatureProviders = false };
        signer = factory.CreateForSigning(new ECDsaSecurityKey(ecdsa), SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>RFC 7638 JWK SHA-256 thumbprint of the public key, base64url: the default <c>kid</c>.</summary>
    public string Thumbprint => PublicKey.Thumbprint;

    /// <summary>The public key as a JWK: <c>{"kty":"EC","crv":"P-256","x":…,"y":…}</c>.</summary>
    public string PublicJwk => PublicKey.Jwk;

    internal P256PublicKey PublicKey { get; }

    /// <summary>
    /// Imports base64 PKCS#8 (HYPR's "Client key") or SEC1 DER, PEM PRIVATE KEY or EC PRIVATE KEY, or an EC JWK with d.
    /// </summary>
    public static HyprSigningKey Import(string keyText)
    {
        var chars = keyText?.ToCharArray() ?? throw KeyRefusals.Empty(Noun);
        try
        {
            return Import(chars);
        }
        finally
        {
            Array.Clear(chars, 0, chars.Length);
        }
    }

    /// <summary>As <see cref="Import(string)"/>, for text taken from a SecureString; the caller clears its array.</summary>
    public static HyprSigningKey Import(char[] keyText)
    {
        if (keyText == null)
        {
            throw KeyRefusals.Empty(Noun);
        }

        using var material = KeyTextDecoder.Decode(keyText, 0, keyText.Length, Noun);
        return FromMaterial(material, Noun);
    }

    /// <summary>Reads a key file in any of the text forms <see cref="Import(string)"/> takes, or raw DER.</summary>
    public static HyprSigningKey ImportFile(string path)
    {
        using var material = KeyFile.Read(path, Noun, out var subject);
        return FromMaterial(material, subject);
    }

    /// <summary>Signs with ES256: SHA-256 and ECDSA P-256, returning the 64-byte R||S form JWS uses (RFC 7518 §3.4).</summary>
    public byte[] Sign(byte[] data)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        if (data.Length == 0)
        {
            throw new ArgumentException("There is nothing to sign: the data is empty.", nameof(data));
        }

        return Sign(data, data.Length);
    }

    /// <summary>Signs the first <paramref name="count"/> bytes of a scratch buffer (the assertion path).</summary>
    internal byte[] Sign(byte[] data, int count)
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(HyprSigningKey));
        }

        return signer.Sign(data, 0, count);
    }

    /// <summary>
    /// The key as BCRYPT_ECCKEY_BLOB (ECDSA P-256 private: magic, size, X, Y, d), for Windows key storage to import.
    /// The caller clears the array.
    /// </summary>
    internal byte[] ExportEccPrivateBlob()
    {
        const int Size = 32;
        ECParameters parameters = this.ecdsa.ExportParameters(true);
        try
        {
            var blob = new byte[8 + (3 * Size)];
            BitConverter.GetBytes(0x32534345).CopyTo(blob, 0);   // BCRYPT_ECDSA_PRIVATE_P256_MAGIC, "ECS2"
            BitConverter.GetBytes(Size).CopyTo(blob, 4);
            Buffer.BlockCopy(parameters.Q.X!, 0, blob, 8, Size);
            Buffer.BlockCopy(parameters.Q.Y!, 0, blob, 8 + Size, Size);
            Buffer.BlockCopy(parameters.D!, 0, blob, 8 + (2 * Size), Size);
            return blob;
        }
        finally
        {
            if (parameters.D != null)
            {
                Array.Clear(parameters.D, 0, parameters.D.Length);
            }
        }
    }

    /// <summary>Takes over a P-256 key: one just imported, or a platform key that never leaves its store (a CNG key, say).</summary>
    internal static HyprSigningKey FromPlatformKey(ECDsa ecdsa)
    {
        try
        {
            return new HyprSigningKey(ecdsa);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            signer.Dispose();
            this.ecdsa.Dispose();
        }
    }

    public override string ToString() => $"HyprSigningKey P-256 {Thumbprint}";

    internal static HyprSigningKey FromMaterial(DecodedKey material, string subject)
    {
        if (material.D == null)
        {
            var isJwk = material.Format == DecodedKey.Jwk;
            throw new HyprKeyException(
                isJwk ? KeyErrorReason.JwkWithoutPrivateKey : KeyErrorReason.PublicKeyOnly,
                (isJwk ? $"The {subject} is a public JWK: it has no private key member 'd'"
                    : $"The {subject} is only a public key ({material.Format})")
                + "; a client key must hold the private key, as HYPR's 'Client key' (PKCS#8) does.");
        }

        return FromPlatformKey(P256KeyFactory.CreateSigning(material, subject));
    }
}
