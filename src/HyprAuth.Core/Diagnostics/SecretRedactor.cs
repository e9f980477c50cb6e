using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace HyprAuth.Core.Diagnostics;

/// <summary>
/// Makes server-provided text safe for messages: a server may echo the request (the assertion,
/// the bearer token) in its error body, and whatever reaches a message ends up in transcripts.
/// </summary>
public static class SecretRedactor
{
    public const int MaximumLength = 300;

    public const string Placeholder = "[redacted]";

    /// <summary>A secret's first characters this many or more are a secret too; fewer are no use to anyone, and common.</summary>
    public const int MinimumPrefixLength = 16;

    // A compact JWS/JWE: base64url segments separated by dots, the first one a JSON object ("eyJ").
    private static readonly Regex CompactJwt = new Regex(
        @"eyJ[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-\.]*",
        RegexOptions.CultureInvariant);

    // HYPR's access tokens (hypap- and a UUID-shaped value), known to this process or not: a server may echo a token
    // the cache has since dropped. Client ids (hypap- and 32 hex digits, no dashes) do not match and stay readable.
    private static readonly Regex HyprAccessToken = new Regex(
        @"hypap-[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Za-z]+",
        RegexOptions.CultureInvariant);

    // Whatever follows a Bearer scheme is a token, known to us or not.
    private static readonly Regex BearerCredential = new Regex(
        @"(?i)\b(bearer)(\s+|%20|\+)[A-Za-z0-9\-\._~\+/%]+=*",
        RegexOptions.CultureInvariant);

    /// <summary>Removes the given secrets, the access tokens alive in the process, anything shaped like a JWT, a HYPR access token or a bearer
    /// credential, control characters, and caps the length.</summary>
    public static string Redact(string? text, IEnumerable<string?>? secrets = null, int maximumLength = MaximumLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = text!;
        if (secrets != null)
        {
            foreach (var secret in secrets)
            {
                result = RemoveSecret(result, secret);
            }
        }

        // Tokens the caller did not name: a token endpoint's error may echo the token the cache holds.
        foreach (var secret in LiveSecrets.Snapshot())
        {
            result = RemoveSecret(result, secret);
        }

        result = CompactJwt.Replace(result, Placeholder);
        result = HyprAccessToken.Replace(result, Placeholder);
        result = BearerCredential.Replace(result, "$1 " + Placeholder);
        result = FlattenControlCharacters(result);
        return Truncate(result.Trim(), maximumLength);
    }

    public static string Redact(string? text, params string?[] secrets) => Redact(text, (IEnumerable<string?>)secrets);

    /// <summary>
    /// Removes the secret compared case-insensitively (a server may upper-case what it echoes), and any run of
    /// <see cref="MinimumPrefixLength"/> or more of its first characters (a server may echo it cut short).
    /// </summary>
    private static string RemoveSecret(string text, string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return text;
        }

        text = RemovePrefixes(text, secret!);

        // Echoed form bodies and query strings carry the secret percent-encoded.
        var encoded = Uri.EscapeDataString(secret!);
        return encoded == secret ? text : RemovePrefixes(text, encoded);
    }

    private static string RemovePrefixes(string text, string secret)
    {
        var anchor = secret.Length < MinimumPrefixLength ? secret : secret.Substring(0, MinimumPrefixLength);
        var index = text.IndexOf(anchor, StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var start = 0;
        while (index >= 0)
        {
            // Extend the match as far as the text goes on agreeing with the secret.
            var length = anchor.Length;
            while (length < secret.Length && index + length < text.Length
                && char.ToUpperInvariant(text[index + length]) == char.ToUpperInvariant(secret[length]))
            {
                length++;
            }

            builder.Append(text, start, index - start).Append(Placeholder);
            start = index + length;
            index = start < text.Length ? text.IndexOf(anchor, start, StringComparison.OrdinalIgnoreCase) : -1;
        }

        return builder.Append(text, start, text.Length - start).ToString();
    }

    // Newlines and escape sequences from a server must not forge extra lines in a log or transcript.
    private static string FlattenControlCharacters(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var isSpace = char.IsControl(c) || char.IsWhiteSpace(c);
            if (isSpace)
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }

            lastWasSpace = isSpace;
        }

        return builder.ToString();
    }

    private static string Truncate(string text, int maximumLength)
    {
        if (text.Length <= maximumLength)
        {
            return text;
        }

        var cut = maximumLength - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text.Substring(0, cut) + "…";
    }
}
