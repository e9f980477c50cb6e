using System;
using System.Security.Cryptography;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys;

/// <summary>
/// Builds platform ECDsa objects for P-256 through ECParameters, the one import API netstandard2.0 offers:
/// ImportPkcs8PrivateKey and ImportECPrivateKey exist only from .NET Core 3.0, and the decoders must tell every refused
/// kind apart anyway. .NET Framework (Windows PowerShell 5.1) also needs Q beside d, which HYPR's Client key lacks:
/// hence <see cref="P256PublicKeyDerivation"/>.
/// </summary>
internal static class P256KeyFactory
{
    /// <summary>Imports the private key. When the input carried a public key too, it must be the one d gives.</summary>
    public static ECDsa CreateSigning(DecodedKey material, string subject)
    {
        var d = material.D!;
        var ecdsa = ImportWithPlatformDerivation(d) ?? ImportWithManagedDerivation(d);
        var q = ecdsa.ExportParameters(false).Q;
        if (material.X != null && !(material.X.AsSpan().SequenceEqual(q.X) && material.Y.AsSpan().SequenceEqual(q.Y)))
        {
            ecdsa.Dispose();
            throw new HyprKeyException(
                KeyErrorReason.MalformedKey,
                $"The {subject} ({material.Format}) carries a public key that does not belong " +
                    "to its private key; the key is damaged or its parts were mixed up.");
        }

        return ecdsa;
    }

    /// <summary>Imports d with a Q computed by <see cref="P256PublicKeyDerivation"/>: the .NET Framework route, callable here for
    /// tests.</summary>
    internal static ECDsa ImportWithManagedDerivation(byte[] d)
    {
        P256PublicKeyDerivation.Derive(d, out var x, out var y);
        return Import(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d, Q = new ECPoint { X = x, Y = y } });
    }

    public static ECDsa CreatePublic(byte[] x, byte[] y, string subject)
    {
        try
        {
            return Import(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        }
        catch (CryptographicException)
        {
            throw new HyprKeyException(KeyErrorReason.MalformedKey, $"The {subject} is not a valid point on curve P-256.");
        }
    }

    /// <summary>
    /// .NET Core 3.0 and later (PowerShell 7) derive Q from d on every OS. .NET Framework (Windows PowerShell 5.1) refuses
    /// ECParameters without Q, so null sends the caller to the managed derivation.
    /// </summary>
    private static ECDsa? ImportWithPlatformDerivation(byte[] d)
    {
        try
        {
            return Import(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        }
        catch (Exception exception) when (exception is CryptographicException || exception is PlatformNotSupportedException)
        {
            return null;
        }
    }

    private static ECDsa Import(ECParameters parameters)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(parameters);
            return ecdsa;
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }
}
