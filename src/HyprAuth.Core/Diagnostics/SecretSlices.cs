using System;
using System.Collections.Generic;
using System.Text;

namespace HyprAuth.Core.Diagnostics;

/// <summary>
/// Finds in server text every run of <see cref="SecretRedactor.MinimumSliceLength"/> or more characters that a secret
/// also holds, wherever it starts in the secret: a server may echo a token or an assertion whole, cut short, from its
/// middle or its end, upper-cased, or percent-encoded (a form body, a query string).
/// </summary>
/// <remarks>
/// A run of the text agrees with a secret exactly when each of its <see cref="SecretRedactor.MinimumSliceLength"/>-character
/// windows is one of the secret's, so the set of the secrets' windows (upper-cased) and one pass over the text's windows
/// find every run, as far as it goes in both directions; overlapping and adjacent runs become one placeholder.
/// Cost, with k the slice length: O(k·S) for S characters of secrets (a few KB each: assertions, tokens) and O(k·T) for
/// T characters of text, which the callers cap (error bodies at <c>ServerErrorParser.MaximumParsedBytes</c>, token
/// responses at <c>TokenResponseParser.MaximumBodyBytes</c>); no quadratic term, whatever the text or the secrets hold.
/// </remarks>
internal static class SecretSlices
{
    private const int SliceLength = SecretRedactor.MinimumSliceLength;

    /// <summary>Marks in <paramref name="covered"/> every character of the text that belongs to such a run; true if any.</summary>
    public static bool Mark(string text, IEnumerable<string?> secrets, bool[] covered)
    {
        var windows = new HashSet<string>(StringComparer.Ordinal);
        var shortSecrets = new List<string>();
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }

            AddForm(secret!, windows, shortSecrets);

            // Echoed form bodies and query strings carry the secret percent-encoded.
            var encoded = Uri.EscapeDataString(secret!);
            if (encoded != secret)
            {
                AddForm(encoded, windows, shortSecrets);
            }
        }

        if (windows.Count == 0 && shortSecrets.Count == 0)
        {
            return false;
        }

        var anyCovered = MarkWindows(ToUpper(text), windows, covered);
        foreach (var secret in shortSecrets)
        {
            anyCovered |= MarkWhole(text, secret, covered);
        }

        return anyCovered;
    }

    // A secret shorter than a slice is only ever removed whole: its parts are too short to be anyone's secret.
    private static void AddForm(string form, HashSet<string> windows, List<string> shortSecrets)
    {
        if (form.Length < SliceLength)
        {
            shortSecrets.Add(form);
            return;
        }

        var upper = ToUpper(form);
        for (var start = 0; start + SliceLength <= upper.Length; start++)
        {
            windows.Add(upper.Substring(start, SliceLength));
        }
    }

    // Each character is marked at most once: a window that overlaps the covered run marks only what lies beyond it.
    private static bool MarkWindows(string upperText, HashSet<string> windows, bool[] covered)
    {
        var coveredEnd = 0;
        for (var start = 0; start + SliceLength <= upperText.Length; start++)
        {
            if (windows.Contains(upperText.Substring(start, SliceLength)))
            {
                for (var i = Math.Max(start, coveredEnd); i < start + SliceLength; i++)
                {
                    covered[i] = true;
                }

                coveredEnd = start + SliceLength;
            }
        }

        return coveredEnd > 0;
    }

    private static bool MarkWhole(string text, string secret, bool[] covered)
    {
        var found = false;
        for (var index = text.IndexOf(secret, StringComparison.OrdinalIgnoreCase); index >= 0;
            index = text.IndexOf(secret, index + secret.Length, StringComparison.OrdinalIgnoreCase))
        {
            found |= MarkRange(covered, index, secret.Length);
        }

        return found;
    }

    public static bool MarkRange(bool[] covered, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            covered[i] = true;
        }

        return length > 0;
    }

    /// <summary>Each run of marked characters becomes one placeholder.</summary>
    public static string Replace(string text, bool[] covered, string placeholder)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!covered[i])
            {
                builder.Append(text[i]);
            }
            else if (i == 0 || !covered[i - 1])
            {
                builder.Append(placeholder);
            }
        }

        return builder.ToString();
    }

    // Character by character, so that a window of the text stays at the same offsets as the text itself.
    private static string ToUpper(string value)
    {
        var upper = new char[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            upper[i] = char.ToUpperInvariant(value[i]);
        }

        return new string(upper);
    }
}
