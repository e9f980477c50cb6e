using System;
using System.Text;

namespace HyprAuth.Core.Http;

/// <summary>A response body read up to a limit, with what the headers said about it.</summary>
/// <param name="bytes">The bytes read, at most the limit.</param>
/// <param name="length">The bytes read, or the announced Content-Length when that alone exceeded the limit.</param>
internal sealed class ResponseBody(byte[] bytes, long length, bool exceededLimit, string? mediaType, string? charSet)
{
    public byte[] Bytes { get; } = bytes;

    public long Length { get; } = length;

    public bool ExceededLimit { get; } = exceededLimit;

    public string? MediaType { get; } = mediaType;

    public string? CharSet { get; } = charSet;

    public bool LooksLikeHtml
    {
        get
        {
            var start = Text(64).TrimStart();
            return MediaType?.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0
                || start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
                || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The body as text, in the charset the server named (UTF-8 otherwise), without a byte order mark.</summary>
    public string Text(int maximumBytes = int.MaxValue)
    {
        var count = Math.Min(Bytes.Length, maximumBytes);
        var encoding = ResolveEncoding(CharSet);
        var preamble = encoding.GetPreamble();
        var offset = Bytes.AsSpan().StartsWith(preamble) ? preamble.Length : 0;
        return count <= offset ? string.Empty : encoding.GetString(Bytes, offset, count - offset);
    }

    private static Encoding ResolveEncoding(string? charSet)
    {
        if (!string.IsNullOrWhiteSpace(charSet))
        {
            try
            {
                return Encoding.GetEncoding(charSet!.Trim().Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset: UTF-8 is the best guess for JSON.
            }
        }

        return new UTF8Encoding(false);
    }
}
