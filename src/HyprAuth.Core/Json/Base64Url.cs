using System;
using System.Linq;

namespace HyprAuth.Core.Json;

/// <summary>
/// Strict base64url decoding (RFC 7515 §2), and the decoding step the lenient key decoder shares. Encoding is
/// Base64UrlEncoder's (Microsoft.IdentityModel.Tokens); its DecodeBytes is not used because it is laxer than a JWS
/// segment allows: it accepts '=' padding, whitespace and the '+' and '/' of standard base64.
/// </summary>
internal static class Base64Url
{
    /// <summary>Strict decoding of one JWS segment: the url alphabet only, no padding, no whitespace.</summary>
    public static bool TryDecode(string text, out byte[] data)
    {
        data = [];
        if (text.Length % 4 == 1 || !text.All(IsUrlSymbol))
        {
            return false;
        }

        data = Decode((text + "==").ToCharArray(), text.Length);
        return true;
    }

    /// <summary>A character of the base64url alphabet (RFC 4648 §5).</summary>
    public static bool IsUrlSymbol(char ch) => ch is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';

    /// <summary>
    /// Decodes the first <paramref name="count"/> characters, checked symbols of either alphabet without padding, in place:
    /// the array has room for two '=' after them. The caller clears the array when it held key text.
    /// </summary>
    public static byte[] Decode(char[] symbols, int count)
    {
        for (var i = 0; i < count; i++)
        {
            symbols[i] = symbols[i] switch { '-' => '+', '_' => '/', var ch => ch };
        }

        while (count % 4 != 0)
        {
            symbols[count++] = '=';
        }

        return Convert.FromBase64CharArray(symbols, 0, count);
    }
}
