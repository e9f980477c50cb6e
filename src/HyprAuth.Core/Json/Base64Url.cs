using System;

namespace HyprAuth.Core.Json;

/// <summary>
/// Strict base64url decoding (RFC 7515 §2) and the alphabet table the lenient key decoder shares. Encoding is
/// Base64UrlEncoder's (Microsoft.IdentityModel.Tokens); its DecodeBytes is not used because it is laxer than a JWS
/// segment allows: it accepts '=' padding, whitespace and the '+' and '/' of standard base64.
/// </summary>
internal static class Base64Url
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>6-bit value of each ASCII character of either base64 alphabet, -1 for any other.</summary>
    internal static readonly sbyte[] Values = BuildValues();

    /// <summary>Strict decoding of one JWS segment: the url alphabet only, no padding, no whitespace.</summary>
    public static bool TryDecode(string text, out byte[] data)
    {
        data = Array.Empty<byte>();
        if (text.Length % 4 == 1)
        {
            return false;
        }

        var result = new byte[text.Length * 3 / 4];
        var accumulator = 0;
        var bits = 0;
        var written = 0;
        foreach (var ch in text)
        {
            var value = ch < 128 && ch != '+' && ch != '/' ? Values[ch] : -1;
            if (value < 0)
            {
                return false;
            }

            accumulator = (accumulator << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                result[written++] = (byte)(accumulator >> bits);
                accumulator &= (1 << bits) - 1;
            }
        }

        data = result;
        return true;
    }

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = -1;
        }

        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        values['+'] = 62;
        values['/'] = 63;
        return values;
    }
}
