using System;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Json;

namespace HyprAuth.Core.Keys;

/// <summary>
/// Lenient base64 for pasted keys: either alphabet (standard or url), optional padding, whitespace and line breaks anywhere.
/// Refusals give a position, never the character found.
/// </summary>
internal static class KeyBase64
{
    /// <summary>Decodes <paramref name="text"/>[start, end) into a new array the caller clears.</summary>
    public static byte[] Decode(char[] text, int start, int end, string what)
    {
        var symbols = new char[end - start + 2];
        try
        {
            var count = 0;
            var padding = 0;
            for (var i = start; i < end; i++)
            {
                var ch = text[i];
                if (IsWhiteSpace(ch))
                {
                    continue;
                }

                if (ch == '=')
                {
                    padding++;
                }
                else if (padding > 0 || !(Base64Url.IsUrlSymbol(ch) || ch is '+' or '/'))
                {
                    var problem = padding > 0 ? "data follows the '=' padding" : "a character that is not base64";
                    throw new HyprKeyException(
                        KeyErrorReason.NotBase64,
                        $"The {what} is not base64: {problem} at position {i - start + 1} of {end - start}. " +
                            "Expected base64 (or base64url) text such as HYPR's 'Client key'.");
                }
                else
                {
                    symbols[count++] = ch;
                }
            }

            if (count == 0)
            {
                throw new HyprKeyException(KeyErrorReason.NotBase64, $"The {what} holds no base64 data.");
            }

            if (count % 4 == 1 || padding > 2 || (padding > 0 && (count + padding) % 4 != 0))
            {
                throw new HyprKeyException(
                    KeyErrorReason.NotBase64,
                    $"The {what} is not base64: {count} base64 characters cannot be a whole number of bytes; part of it may be missing.");
            }

            return Base64Url.Decode(symbols, count);
        }
        finally
        {
            Array.Clear(symbols, 0, symbols.Length);
        }
    }

    public static bool IsWhiteSpace(char ch) => ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v' || ch == '\uFEFF';
}
