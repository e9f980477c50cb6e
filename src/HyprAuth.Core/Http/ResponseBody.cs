using System;
using System.Text;

namespace HyprAuth.Core.Http;

/// <summary>A response body read up to a limit, with what the headers said about it.</summary>
internal sealed class ResponseBody
{
    public ResponseBody(byte[] bytes, long length, bool exceededLimit, string? mediaType, string? charSet)
    {
        Bytes = bytes;
        Length = length;
        ExceededLimit = exceededLimit;
        MediaType = mediaType;
        CharSet = charSet;
    }

    /// <summary>The bytes read, at most the limit.</summary>
    public byte[] Bytes { get; }

    /// <summary>The bytes read, or the announced Content-Length when that alone exceeded the limit.</summary>
    public long Length { get; }

    public bool ExceededLimit { get; }

    public string? MediaType { get; }

    public string? CharSet { get; }

    public bool LooksLikeHtml
    {
        get
        {
            if (MediaType != null && MediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            var start = Text(64).TrimStart();
            return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
                || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The body as text, in the charset the server named (UTF-8 otherwise), without a byte order mark.</summary>
    public string Text(int maximumBytes = int.MaxValue)
    {
        var count = Math.Min(Bytes.Length, maximumBytes);
        var encoding = ResolveEncoding(CharSet);
        var preamble = encoding.GetPreamble();
        var offset = StartsWith(Bytes, preamble) ? preamble.Length : 0;
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

    private static bool StartsWith(byte[] bytes, byte[] prefix)
    {
        if (prefix.Length == 0 || bytes.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (bytes[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }
}
