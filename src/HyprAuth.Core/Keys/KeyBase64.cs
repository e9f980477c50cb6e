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
        var symbols = 0;
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
            else if (padding > 0 || ch >= 128 || Base64Url.Values[ch] < 0)
            {
                var problem = padding > 0 ? "data follows the '=' padding" : "a character that is not base64";
                throw new HyprKeyException(
                    KeyErrorReason.NotBase64,
                    $"The {what} is not base64: {problem} at position {i - start + 1} of {end - start}. " +
                        "Expected base64 (or base64url) text such as HYPR's 'Client key'.");
            }
            else
            {
                symbols++;
            }
        }

        if (symbols == 0)
        {
            throw new HyprKeyException(KeyErrorReason.NotBase64, $"The {what} holds no base64 data.");
        }

        if (symbols % 4 == 1 || padding > 2 || (padding > 0 && (symbols + padding) % 4 != 0))
        {
            throw new HyprKeyException(
                KeyErrorReason.NotBase64,
                $"The {what} is not base64: {symbols} base64 characters cannot be a whole number of bytes; part of it may be missing.");
        }

        var result = new byte[symbols * 3 / 4];
        var accumulator = 0;
        var bits = 0;
        var written = 0;
        for (var i = start; i < end; i++)
        {
            var ch = text[i];
            if (IsWhiteSpace(ch) || ch == '=')
            {
                continue;
            }

            accumulator = (accumulator << 6) | (byte)Base64Url.Values[ch];
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                result[written++] = (byte)(accumulator >> bits);
                accumulator &= (1 << bits) - 1;
            }
        }

        return result;
    }

    public static bool IsWhiteSpace(char ch) => ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v' || ch == '\uFEFF';
}
