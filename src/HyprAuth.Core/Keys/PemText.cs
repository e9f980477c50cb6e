using System;
using System.Collections.Generic;
using System.Linq;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys;

/// <summary>Finds RFC 7468 PEM blocks in key text; text around and between blocks is ignored, as OpenSSL does.</summary>
internal static class PemText
{
    private const string Begin = "-----BEGIN ";
    private const string Dashes = "-----";
    private const int MaximumLabelLength = 64;

    public static bool ContainsBlock(char[] text, int start, int end) => IndexOf(text, Begin, start, end) >= 0;

    public static List<PemBlock> ReadBlocks(char[] text, int start, int end, string subject)
    {
        var blocks = new List<PemBlock>();
        var position = IndexOf(text, Begin, start, end);
        while (position >= 0)
        {
            var labelStart = position + Begin.Length;
            var labelEnd = IndexOf(text, Dashes, labelStart, end);
            if (labelEnd < 0 || labelEnd - labelStart > MaximumLabelLength)
            {
                throw new HyprKeyException(KeyErrorReason.MalformedKey, $"The {subject} has a PEM BEGIN line that is not closed by '-----'.");
            }

            var label = new string(text, labelStart, labelEnd - labelStart);
            var endLine = "-----END " + label + Dashes;
            var bodyStart = labelEnd + Dashes.Length;
            var bodyEnd = IndexOf(text, endLine, bodyStart, end);
            if (bodyEnd < 0)
            {
                throw new HyprKeyException(
                    KeyErrorReason.MalformedKey,
                    $"The {subject} has a PEM block {Describe(label)} without its END line; the key may have been cut off.");
            }

            blocks.Add(new PemBlock(label, bodyStart, bodyEnd));
            position = IndexOf(text, Begin, bodyEnd + endLine.Length, end);
        }

        return blocks;
    }

    /// <summary>Names a label in a message only when it looks like one (upper-case words), so stray text is never echoed.</summary>
    public static string Describe(string label) =>
        !label.All(ch => ch is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or ' ') ? "with an unrecognised label"
        : label.Length == 0 ? "with an empty label"
        : $"labelled '{label}'";

    public static int IndexOf(char[] text, string value, int start, int end)
    {
        var index = text.AsSpan(start, end - start).IndexOf(value.AsSpan());
        return index < 0 ? -1 : start + index;
    }
}
