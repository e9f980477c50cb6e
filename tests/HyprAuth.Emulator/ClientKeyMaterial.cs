using System;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace HyprAuth.Emulator;

/// <summary>Makes key pairs and encodes the private half the way HYPR's Control Center hands out a "Client key".</summary>
internal static class ClientKeyMaterial
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static (EcPublicJwk PublicJwk, string ClientKey) CreateKeyPair()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] d = key.ExportParameters(includePrivateParameters: true).D!;
        try
        {
            return (EcPublicJwk.FromKey(key, Guid.NewGuid().ToString()), Convert.ToBase64String(EncodePkcs8WithoutPublicKey(d)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <summary>
    /// PKCS#8 PrivateKeyInfo whose inner ECPrivateKey holds only version and the private scalar (67 bytes for P-256),
    /// unlike ExportPkcs8PrivateKey, which adds the optional [1] publicKey. Clients must cope with the shorter form.
    /// </summary>
    public static byte[] EncodePkcs8WithoutPublicKey(ReadOnlySpan<byte> d)
    {
        AsnWriter ecPrivateKey = new(AsnEncodingRules.DER);
        using (ecPrivateKey.PushSequence())
        {
            ecPrivateKey.WriteInteger(1);
            ecPrivateKey.WriteOctetString(d);
        }

        AsnWriter privateKeyInfo = new(AsnEncodingRules.DER);
        using (privateKeyInfo.PushSequence())
        {
            privateKeyInfo.WriteInteger(0);
            using (privateKeyInfo.PushSequence())
            {
                privateKeyInfo.WriteObjectIdentifier(EcPublicKeyOid);
                privateKeyInfo.WriteObjectIdentifier(P256Oid);
            }

            privateKeyInfo.WriteOctetString(ecPrivateKey.Encode());
        }

        return privateKeyInfo.Encode();
    }
}
