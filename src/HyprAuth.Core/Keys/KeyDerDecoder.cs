using System;
using System.Formats.Asn1;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys;

/// <summary>
/// Recognises a DER key by its structure and decodes the P-256 ones: PKCS#8 PrivateKeyInfo (HYPR's "Client key"),
/// SEC1 ECPrivateKey and SubjectPublicKeyInfo. Every other structure is refused with the reason that fits it.
/// AsnReader under DER rules does the strict parsing; its errors become one MalformedKey refusal that never repeats
/// a byte of the input (on a misparse that byte could be key material). Values are read as slices of the caller's
/// buffer, which the caller clears, so the private scalar is copied only into the array that DecodedKey clears.
/// </summary>
internal static class KeyDerDecoder
{
    private static readonly Asn1Tag Parameters = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag PublicKey = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>Whether raw bytes could be DER (an ASN.1 SEQUENCE) rather than key text.</summary>
    public static bool StartsLikeDer(byte[] bytes) => bytes.Length > 0 && bytes[0] == 0x30;

    public static DecodedKey Decode(byte[] der, string subject)
    {
        if (!StartsLikeDer(der))
        {
            throw new HyprKeyException(
                KeyErrorReason.MalformedKey,
                $"The {subject} decodes to {der.Length} bytes that are not a DER key (no ASN.1 SEQUENCE); "
                + "expected PKCS#8 as in HYPR's 'Client key'.");
        }

        return Parse(der, subject, document => DecodeKey(document.ReadSequence(), subject));
    }

    /// <summary>Checks a PEM EC PARAMETERS block: only the named curve P-256 may stand beside the key.</summary>
    public static void CheckCurveParameters(byte[] der, string subject) =>
        Parse(der, subject, parameters => ReadCurve(parameters, subject));

    /// <summary>Reads the whole input; AsnReader's own message may describe the input, so only the fact is reported.</summary>
    private static T Parse<T>(byte[] der, string subject, Func<AsnReader, T> read)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var result = read(reader);
            reader.ThrowIfNotEmpty();
            return result;
        }
        catch (AsnContentException)
        {
            throw Malformed(subject, "an element is truncated, mis-tagged or not in DER form");
        }
    }

    private static DecodedKey DecodeKey(AsnReader key, string subject)
    {
        var first = key.PeekTag();
        if (first == Asn1Tag.Integer)
        {
            return DecodePrivateKey(key, subject);
        }

        if (first != Asn1Tag.Sequence)
        {
            throw Malformed(subject, "it is not a key structure");
        }

        var algorithm = key.ReadSequence();
        var second = key.HasData ? key.PeekTag() : default;
        if (second == Asn1Tag.PrimitiveBitString)
        {
            return DecodePublicKey(algorithm, key, subject);
        }

        throw second == Asn1Tag.PrimitiveOctetString
            ? KeyRefusals.Encrypted(subject)
            : Malformed(subject, "it is neither a private nor a public key structure (an X.509 certificate holds no private key)");
    }

    /// <summary>Reads the curve of an AlgorithmIdentifier or ECPrivateKey [0], its last element: only named P-256 is accepted.</summary>
    private static string ReadCurve(AsnReader parameters, string subject)
    {
        if (!parameters.HasData || parameters.PeekTag() != Asn1Tag.ObjectIdentifier)
        {
            throw new HyprKeyException(
                KeyErrorReason.UnsupportedCurve,
                $"The {subject} gives its curve as explicit parameters instead of a named curve; "
                + $"{KeyRefusals.Expected} (named curve 1.2.840.10045.3.1.7).");
        }

        var curve = parameters.ReadObjectIdentifier();
        if (curve != KeyOids.P256)
        {
            throw new HyprKeyException(
                KeyErrorReason.UnsupportedCurve,
                $"The {subject} is on curve {KeyOids.CurveName(curve)}; {KeyRefusals.Expected}.");
        }

        parameters.ThrowIfNotEmpty();
        return curve;
    }

    private static DecodedKey DecodePrivateKey(AsnReader key, string subject)
    {
        var version = key.ReadInteger();
        var next = key.HasData ? key.PeekTag() : default;
        if (next == Asn1Tag.PrimitiveOctetString)
        {
            return version.IsOne
                ? ReadEcPrivateKey(key, subject, DecodedKey.Sec1)
                : throw Malformed(subject, "the EC private key version is not 1");
        }

        if (next == Asn1Tag.Integer)
        {
            throw new HyprKeyException(KeyErrorReason.NotAnEcKey, $"The {subject} is an RSA (PKCS#1) key; {KeyRefusals.Expected}.");
        }

        // PKCS#8 v1 (RFC 5208) is version 0; v2 OneAsymmetricKey (RFC 5958) is version 1.
        if (!version.IsZero && !version.IsOne)
        {
            throw Malformed(subject, "the PKCS#8 version is neither 0 nor 1");
        }

        ReadEcAlgorithm(key.ReadSequence(), subject);
        var inner = new AsnReader(ReadOctets(key), AsnEncodingRules.DER);

        // attributes [0] and, in v2, publicKey [1] may follow; neither is needed.
        while (key.HasData)
        {
            key.ReadEncodedValue();
        }

        var ecPrivateKey = inner.ReadSequence();
        inner.ThrowIfNotEmpty();
        return ecPrivateKey.ReadInteger().IsOne
            ? ReadEcPrivateKey(ecPrivateKey, subject, DecodedKey.Pkcs8)
            : throw Malformed(subject, "the EC private key version is not 1");
    }

    /// <summary>The rest of an ECPrivateKey (RFC 5915) after its version: privateKey, [0] parameters, [1] publicKey.</summary>
    private static DecodedKey ReadEcPrivateKey(AsnReader key, string subject, string format)
    {
        var scalar = ReadOctets(key);

        // Without [0] the curve is implied (RFC 5915): PKCS#8 named it already; for a bare SEC1 key this module assumes P-256.
        if (key.HasData && key.PeekTag() == Parameters)
        {
            ReadCurve(key.ReadSequence(Parameters), subject);
        }

        var point = ReadOnlyMemory<byte>.Empty;
        if (key.HasData && key.PeekTag() == PublicKey)
        {
            var publicKey = key.ReadSequence(PublicKey);
            point = ReadWholeBytes(publicKey);
            publicKey.ThrowIfNotEmpty();
        }

        key.ThrowIfNotEmpty();
        var d = P256.ToScalar(scalar.Span, subject);

        // The embedded public key is checked against d when it is in the usual uncompressed form; Q is derived from d anyway.
        return IsUncompressedPoint(point)
            ? new DecodedKey(format, d, Coordinate(point, 1), Coordinate(point, 1 + P256.Size))
            : new DecodedKey(format, d, null, null);
    }

    private static DecodedKey DecodePublicKey(AsnReader algorithm, AsnReader key, string subject)
    {
        ReadEcAlgorithm(algorithm, subject);
        var point = ReadWholeBytes(key);
        key.ThrowIfNotEmpty();
        return IsUncompressedPoint(point)
            ? new DecodedKey(DecodedKey.SubjectPublicKeyInfo, null, Coordinate(point, 1), Coordinate(point, 1 + P256.Size))
            : throw Malformed(subject, "the public key is not an uncompressed P-256 point (65 bytes starting with 0x04)");
    }

    private static void ReadEcAlgorithm(AsnReader algorithm, string subject)
    {
        var oid = algorithm.ReadObjectIdentifier();
        if (oid != KeyOids.EcPublicKey)
        {
            throw new HyprKeyException(KeyErrorReason.NotAnEcKey, $"The {subject} is {KeyOids.AlgorithmName(oid)} key; {KeyRefusals.Expected}.");
        }

        ReadCurve(algorithm, subject);
    }

    /// <summary>An OCTET STRING as a slice of the input (DER allows only the primitive form, so there is always one).</summary>
    private static ReadOnlyMemory<byte> ReadOctets(AsnReader reader) =>
        reader.TryReadPrimitiveOctetString(out var content) ? content : throw new AsnContentException();

    /// <summary>A BIT STRING of whole bytes, as key encodings always are.</summary>
    private static ReadOnlyMemory<byte> ReadWholeBytes(AsnReader reader) =>
        reader.TryReadPrimitiveBitString(out var unusedBits, out var bits) && unusedBits == 0 ? bits : throw new AsnContentException();

    private static bool IsUncompressedPoint(ReadOnlyMemory<byte> point) => point.Length == 1 + (2 * P256.Size) && point.Span[0] == 0x04;

    private static byte[] Coordinate(ReadOnlyMemory<byte> point, int offset) => point.Slice(offset, P256.Size).ToArray();

    private static HyprKeyException Malformed(string subject, string detail) =>
        new HyprKeyException(KeyErrorReason.MalformedKey, $"The {subject} is truncated or malformed DER: {detail}.");
}
