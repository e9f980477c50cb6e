using System;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys;

/// <summary>
/// Two mistakes that otherwise end in "not base64 at position 1": a file path given as the key, and a key pasted
/// with its quotes. Both shapes hold characters no key text has, so a real key is never taken for one. The text is
/// never repeated in the message.
/// </summary>
internal static class KeyTextMixUps
{
    private static readonly string[] KeyFileExtensions = [".key", ".pem", ".txt", ".json", ".jwk", ".p8", ".der"];

    private static readonly string[] RelativePrefixes = ["~/", "~\\", "./", ".\\", "../", "..\\"];

    /// <summary>Throws when text[start, end) (trimmed, not PEM) is one of the mix-ups.</summary>
    public static void ThrowIfMixedUp(char[] text, int start, int end, string subject)
    {
        if (text[start] is '"' or '\'' or '\u201C' or '\u2018')
        {
            throw new HyprKeyException(
                KeyErrorReason.NotBase64,
                $"The {subject} starts with a quote: remove the quotes around the key (they were pasted with it).");
        }

        if (LooksLikePath(text.AsSpan(start, end - start)))
        {
            throw new HyprKeyException(
                KeyErrorReason.NotBase64,
                $"The {subject} looks like a file path, not a key: use -KeyPath with the path (or -ClientKey (Get-Content -Raw <path>)).");
        }
    }

    /// <summary>Works on the caller's buffer: a copy of key text as a string could not be cleared.</summary>
    private static bool LooksLikePath(ReadOnlySpan<char> candidate)
    {
        // A key's text is base64, PEM or JSON; none holds '.', '\', '~' or ':' outside PEM and JSON.
        if (candidate.Length > 1024 || candidate.IndexOfAny(".\\~:".AsSpan()) < 0 || candidate.IndexOfAny('\r', '\n') >= 0)
        {
            return false;
        }

        var hasDrive = candidate.Length >= 3 && char.IsLetter(candidate[0]) && candidate[1] == ':' && candidate[2] is '\\' or '/';
        if (hasDrive || HasAffix(candidate, RelativePrefixes, atEnd: false))
        {
            return true;
        }

        // Without a telling start, only a single word: a sentence with a ':' or '.' is not taken for a path.
        return candidate.IndexOfAny(' ', '\t') < 0
            && (candidate.IndexOf('\\') >= 0
                || (candidate.IndexOf('/') >= 0 && candidate.IndexOf('.') >= 0)
                || HasAffix(candidate, KeyFileExtensions, atEnd: true));
    }

    /// <summary>Whether the candidate starts (or ends, after more than the affix) with one of the affixes, ignoring case.</summary>
    private static bool HasAffix(ReadOnlySpan<char> candidate, string[] affixes, bool atEnd)
    {
        foreach (var affix in affixes)
        {
            if (atEnd
                ? candidate.Length > affix.Length && candidate.EndsWith(affix.AsSpan(), StringComparison.OrdinalIgnoreCase)
                : candidate.StartsWith(affix.AsSpan(), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
