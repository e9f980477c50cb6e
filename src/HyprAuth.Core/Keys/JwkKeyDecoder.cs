using System;
using System.Text;
using System.Text.Json;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys;

/// <summary>
/// Decodes an EC JSON Web Key (RFC 7517/7518 §6.2). Read with Utf8JsonReader over a UTF-8 copy this class owns,
/// so the private value passes through buffers that are cleared, not through immutable strings.
/// </summary>
internal static class JwkKeyDecoder
{
    public static DecodedKey Decode(char[] text, int start, int end, string subject)
    {
        var utf8 = Encoding.UTF8.GetBytes(text, start, end - start);
        var members = new Members();
        try
        {
            Read(utf8, members, subject);
            return Build(members, subject);
        }
        catch (JsonException)
        {
            // The reader's message quotes the offending input; only the fact is reported.
            throw new HyprKeyException(KeyErrorReason.MalformedKey, $"The {subject} starts like a JSON Web Key but is not valid JSON.");
        }
        finally
        {
            Array.Clear(utf8, 0, utf8.Length);
            members.Clear();
        }
    }

    private static void Read(byte[] utf8, Members members, string subject)
    {
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Malformed(subject, "it is not a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("kty"))
            {
                members.Kty = ReadText(ref reader, members.Kty, "kty", subject);
            }
            else if (reader.ValueTextEquals("crv"))
            {
                members.Crv = ReadText(ref reader, members.Crv, "crv", subject);
            }
            else if (reader.ValueTextEquals("d"))
            {
                members.D = ReadBase64Url(ref reader, members.D, "d", subject);
            }
            else if (reader.ValueTextEquals("x"))
            {
                members.X = ReadBase64Url(ref reader, members.X, "x", subject);
            }
            else if (reader.ValueTextEquals("y"))
            {
                members.Y = ReadBase64Url(ref reader, members.Y, "y", subject);
            }
            else
            {
                reader.Skip();
            }
        }

        // Anything after the closing brace makes the reader throw (it was given the whole input).
        reader.Read();
    }

    private static DecodedKey Build(Members members, string subject)
    {
        if (members.Kty == null)
        {
            throw Malformed(subject, "it has no 'kty' member");
        }

        if (members.Kty != "EC")
        {
            var type = members.Kty is "RSA" or "oct" or "OKP" or "AKP" ? $"'{members.Kty}'" : "an unrecognised type";
            throw new HyprKeyException(KeyErrorReason.NotAnEcKey, $"The {subject} is a JWK of kty {type}; {KeyRefusals.Expected} (kty 'EC').");
        }

        if (members.Crv == null)
        {
            throw Malformed(subject, "it has no 'crv' member");
        }

        if (members.Crv != "P-256")
        {
            var curve = members.Crv is "P-384" or "P-521" or "secp256k1" or "Ed25519" or "Ed448" or "X25519" or "X448"
                ? members.Crv
                : "an unrecognised curve";
            throw new HyprKeyException(KeyErrorReason.UnsupportedCurve,
                $"The {subject} is a JWK on curve {curve}; {KeyRefusals.Expected} (crv 'P-256').");
        }

        if ((members.X == null) != (members.Y == null))
        {
            throw Malformed(subject, "it has only one of the coordinates 'x' and 'y'");
        }

        byte[]? x = null;
        byte[]? y = null;
        if (members.X != null && (!P256.TryPad(members.X, out x) || !P256.TryPad(members.Y, out y)))
        {
            throw Malformed(subject, "a coordinate is longer than the 32 bytes of P-256");
        }

        if (members.D == null)
        {
            return x != null
                ? new DecodedKey(DecodedKey.Jwk, null, x, y)
                : throw Malformed(subject, "it has neither the private key 'd' nor the public 'x' and 'y'");
        }

        return new DecodedKey(DecodedKey.Jwk, P256.ToScalar(members.D, subject), x, y);
    }

    private static string ReadText(ref Utf8JsonReader reader, string? existing, string name, string subject)
    {
        reader.Read();
        if (existing != null || reader.TokenType != JsonTokenType.String)
        {
            throw Malformed(subject, $"its '{name}' member is repeated or not a string");
        }

        return reader.GetString()!;
    }

    private static byte[] ReadBase64Url(ref Utf8JsonReader reader, byte[]? existing, string name, string subject)
    {
        reader.Read();
        if (existing != null || reader.TokenType != JsonTokenType.String)
        {
            throw Malformed(subject, $"its '{name}' member is repeated or not a string");
        }

        // Unescaped text is never longer in chars than its UTF-8 form is in bytes.
        var chars = new char[reader.ValueSpan.Length];
        try
        {
            var length = reader.CopyString(chars);
            return KeyBase64.Decode(chars, 0, length, $"{subject}'s JWK member '{name}'");
        }
        finally
        {
            Array.Clear(chars, 0, chars.Length);
        }
    }

    private static HyprKeyException Malformed(string subject, string detail) =>
        new HyprKeyException(KeyErrorReason.MalformedKey, $"The {subject} is not a usable JSON Web Key: {detail}.");

    /// <summary>The members that matter, collected before any is judged, so the refusal names the most basic problem.</summary>
    private sealed class Members
    {
        public string? Kty;
        public string? Crv;
        public byte[]? D;
        public byte[]? X;
        public byte[]? Y;

        public void Clear() => D?.AsSpan().Clear();
    }
}
