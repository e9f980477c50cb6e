using System;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys
{
    /// <summary>
    /// Recognises a DER key by its structure and decodes the P-256 ones: PKCS#8 PrivateKeyInfo (HYPR's "Client key"),
    /// SEC1 ECPrivateKey and SubjectPublicKeyInfo. Every other structure is refused with the reason that fits it.
    /// </summary>
    internal static class KeyDerDecoder
    {
        public static DecodedKey Decode(byte[] der, string subject)
        {
            if (der.Length == 0 || der[0] != DerReader.SequenceTag)
            {
                throw new HyprKeyException(
                    KeyErrorReason.MalformedKey,
                    $"The {subject} decodes to {der.Length} bytes that are not a DER key " +
                        "(no ASN.1 SEQUENCE); expected PKCS#8 as in HYPR's 'Client key'.");
            }

            var document = new DerReader(der, subject);
            var key = document.ReadSequence();
            document.ExpectEnd("the key");
            if (key.NextIs(DerReader.IntegerTag))
            {
                return DecodePrivateKey(key, subject);
            }

            if (key.NextIs(DerReader.SequenceTag))
            {
                var algorithm = key.ReadSequence();
                if (key.NextIs(DerReader.BitStringTag))
                {
                    return DecodePublicKey(algorithm, key, subject);
                }

                if (key.NextIs(DerReader.OctetStringTag))
                {
                    throw KeyRefusals.Encrypted(subject);
                }

                throw key.Malformed("it is neither a private nor a public key structure (an X.509 certificate holds no private key)");
            }

            throw key.Malformed("it is not a key structure");
        }

        /// <summary>Reads the curve of an AlgorithmIdentifier or ECPrivateKey [0]: only named P-256 is accepted.</summary>
        public static void ReadCurve(DerReader parameters, string subject)
        {
            if (!parameters.NextIs(DerReader.OidTag))
            {
                throw new HyprKeyException(
                    KeyErrorReason.UnsupportedCurve,
                    $"The {subject} gives its curve as explicit parameters instead of a named " +
                        $"curve; {KeyRefusals.Expected} (named curve 1.2.840.10045.3.1.7).");
            }

            var curve = parameters.ReadOid();
            if (curve != KeyOids.P256)
            {
                throw new HyprKeyException(
                    KeyErrorReason.UnsupportedCurve,
                    $"The {subject} is on curve {KeyOids.CurveName(curve)}; {KeyRefusals.Expected}.");
            }
        }

        private static DecodedKey DecodePrivateKey(DerReader key, string subject)
        {
            var version = key.ReadVersion();
            if (key.NextIs(DerReader.OctetStringTag))
            {
                if (version != 1)
                {
                    throw key.Malformed("the EC private key version is not 1");
                }

                return ReadEcPrivateKey(key, subject, DecodedKey.Sec1);
            }

            if (key.NextIs(DerReader.IntegerTag))
            {
                throw new HyprKeyException(KeyErrorReason.NotAnEcKey, $"The {subject} is an RSA (PKCS#1) key; {KeyRefusals.Expected}.");
            }

            // PKCS#8 v1 (RFC 5208) is version 0; v2 OneAsymmetricKey (RFC 5958) is version 1.
            if (version > 1)
            {
                throw key.Malformed("the PKCS#8 version is neither 0 nor 1");
            }

            var algorithm = key.ReadSequence();
            ReadEcAlgorithm(algorithm, subject);
            var inner = key.Enclosed(key.ReadOctetString());

            // attributes [0] and, in v2, publicKey [1] may follow; neither is needed.
            while (key.HasData)
            {
                key.Skip();
            }

            var ecPrivateKey = inner.ReadSequence();
            inner.ExpectEnd("the EC private key");
            if (ecPrivateKey.ReadVersion() != 1)
            {
                throw ecPrivateKey.Malformed("the EC private key version is not 1");
            }

            return ReadEcPrivateKey(ecPrivateKey, subject, DecodedKey.Pkcs8);
        }

        /// <summary>The rest of an ECPrivateKey (RFC 5915) after its version: privateKey, [0] parameters, [1] publicKey.</summary>
        private static DecodedKey ReadEcPrivateKey(DerReader key, string subject, string format)
        {
            var scalar = key.ReadOctetString();

            // Without [0] the curve is implied (RFC 5915): PKCS#8 named it already; for a bare SEC1 key this module assumes P-256.
            if (key.NextIsExplicit(0))
            {
                var parameters = key.ReadExplicit(0);
                ReadCurve(parameters, subject);
                parameters.ExpectEnd("the curve");
            }

            ArraySegment<byte> point = default;
            if (key.NextIsExplicit(1))
            {
                var publicKey = key.ReadExplicit(1);
                point = publicKey.ReadBitString();
                publicKey.ExpectEnd("the public key");
            }

            key.ExpectEnd("the EC private key");
            var d = P256.ToScalar(scalar, subject);
            var uncompressed = point.Count == 1 + (2 * P256.Size) && point.Array![point.Offset] == 0x04;

            // The embedded public key is checked against d when it is in the usual uncompressed form; Q is derived from d anyway.
            return uncompressed
                ? new DecodedKey(format, d, Slice(point, 1), Slice(point, 1 + P256.Size))
                : new DecodedKey(format, d, null, null);
        }

        private static DecodedKey DecodePublicKey(DerReader algorithm, DerReader key, string subject)
        {
            ReadEcAlgorithm(algorithm, subject);
            var point = key.ReadBitString();
            key.ExpectEnd("the public key");
            if (point.Count != 1 + (2 * P256.Size) || point.Array![point.Offset] != 0x04)
            {
                throw key.Malformed("the public key is not an uncompressed P-256 point (65 bytes starting with 0x04)");
            }

            return new DecodedKey(DecodedKey.SubjectPublicKeyInfo, null, Slice(point, 1), Slice(point, 1 + P256.Size));
        }

        private static void ReadEcAlgorithm(DerReader algorithm, string subject)
        {
            var oid = algorithm.ReadOid();
            if (oid != KeyOids.EcPublicKey)
            {
                throw new HyprKeyException(KeyErrorReason.NotAnEcKey, $"The {subject} is {KeyOids.AlgorithmName(oid)} key; {KeyRefusals.Expected}.");
            }

            ReadCurve(algorithm, subject);
            algorithm.ExpectEnd("the algorithm parameters");
        }

        private static byte[] Slice(ArraySegment<byte> segment, int offset)
        {
            var result = new byte[P256.Size];
            Buffer.BlockCopy(segment.Array!, segment.Offset + offset, result, 0, P256.Size);
            return result;
        }
    }
}
