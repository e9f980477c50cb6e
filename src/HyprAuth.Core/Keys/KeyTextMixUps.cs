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
    private static readonly string[] KeyFileExtensions = { ".key", ".pem", ".txt", ".json", ".jwk", ".p8", ".der" };

    private static readonly string[] RelativePrefixes = { "~/", "~\\", "./", ".\\", "../", "..\\" };

    /// <summary>Throws when text[start, end) (trimmed, not PEM) is one of the mix-ups.</summary>
    public static void ThrowIfMixedUp(char[] text, int start, int end, string subject)
    {
        char first = text[start];
        if (first == '"' || first == '\'' || first == '\u201C' || first == '\u2018')
        {
            throw new HyprKeyException(
                KeyErrorReason.NotBase64,
                $"The {subject} starts with a quote: remove the quotes around the key (they were pasted with it).");
        }

        if (LooksLikePath(new ArraySegment<char>(text, start, end - start)))
        {
            throw new HyprKeyException(
                KeyErrorReason.NotBase64,
                $"The {subject} looks like a file path, not a key: use -KeyPath with the path (or -ClientKey (Get-Content -Raw <path>)).");
        }
    }

    /// <summary>Works on the caller's buffer: a copy of key text as a string could not be cleared.</summary>
    private static bool LooksLikePath(ArraySegment<char> candidate)
    {
        // A key's text is base64, PEM or JSON; none holds '.', '\', '~' or ':' outside PEM and JSON.
        if (candidate.Count > 1024 || !Has(candidate, '.', '\\', '~', ':') || Has(candidate, '\r', '\n'))
        {
            return false;
        }

        bool hasDrive = candidate.Count >= 3 && char.IsLetter(At(candidate, 0)) && At(candidate, 1) == ':'
            && (At(candidate, 2) == '\\' || At(candidate, 2) == '/');
        if (hasDrive || Array.Exists(RelativePrefixes, prefix => Matches(candidate, prefix, 0)))
        {
            return true;
        }

        // Without a telling start, only a single word: a sentence with a ':' or '.' is not taken for a path.
        return !Has(candidate, ' ', '\t')
            && (Has(candidate, '\\')
                || (Has(candidate, '/') && Has(candidate, '.'))
                || Array.Exists(KeyFileExtensions, extension => candidate.Count > extension.Length
                    && Matches(candidate, extension, candidate.Count - extension.Length)));
    }

    private static char At(ArraySegment<char> segment, int index) => segment.Array![segment.Offset + index];

    private static bool Has(ArraySegment<char> segment, params char[] characters) => IndexOfAny(segment, characters) >= 0;

    private static int IndexOfAny(ArraySegment<char> segment, char[] characters)
    {
        for (int i = 0; i < segment.Count; i++)
        {
            if (Array.IndexOf(characters, At(segment, i)) >= 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Matches(ArraySegment<char> segment, string text, int at)
    {
        if (at < 0 || at + text.Length > segment.Count)
        {
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (char.ToLowerInvariant(At(segment, at + i)) != char.ToLowerInvariant(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
