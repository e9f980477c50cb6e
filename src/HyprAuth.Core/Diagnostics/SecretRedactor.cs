using System;
using System.Collections.Generic;
using System.Linq;
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

    /// <summary>
    /// This many or more consecutive characters of a secret, wherever they start in it, are a secret too; fewer are no use
    /// to anyone, and common.
    /// </summary>
    public const int MinimumSliceLength = 16;

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
        @"(?i)\b(bearer)(\s+|%20|\+)(?<credential>[A-Za-z0-9\-\._~\+/%]+=*)",
        RegexOptions.CultureInvariant);

    // Newlines and escape sequences from a server must not forge extra lines in a log or transcript: each run of control
    // characters and white space (char.IsControl or char.IsWhiteSpace) becomes one space.
    private static readonly Regex ControlOrSpaceRun = new Regex(@"[\p{Cc}\s]+", RegexOptions.CultureInvariant);

    /// <summary>Removes the given secrets, the access tokens alive in the process, anything shaped like a JWT, a HYPR access token or a bearer
    /// credential, control characters, and caps the length.</summary>
    public static string Redact(string? text, IEnumerable<string?>? secrets = null, int maximumLength = MaximumLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Shapes and secrets are both found in the text as the server sent it, then removed together. Removing either
        // first would cut the other short: another assertion of the same client begins like the one sent (what is left
        // of it is no longer shaped like a JWT), and a shape may match only the start of a named secret (what is left of
        // it may be shorter than a slice).
        var original = text!;
        var covered = new bool[original.Length];
        var anyCovered = MarkShapes(original, covered);

        // The named secrets and the tokens the caller did not name (a token endpoint's error may echo the token the
        // cache holds): whole, or any slice of them, upper- or lower-cased, raw or percent-encoded.
        var named = secrets ?? Array.Empty<string?>();
        anyCovered |= SecretSlices.Mark(original, named.Concat(LiveSecrets.Snapshot()), covered);
        var result = anyCovered ? SecretSlices.Replace(original, covered, Placeholder) : original;
        result = ControlOrSpaceRun.Replace(result, " ");
        return Truncate(result.Trim(), maximumLength);
    }

    public static string Redact(string? text, params string?[] secrets) => Redact(text, (IEnumerable<string?>)secrets);

    // A JWT and a HYPR access token go whole; after a Bearer scheme only the credential, so the scheme stays readable.
    private static bool MarkShapes(string text, bool[] covered)
    {
        var found = false;
        foreach (var match in CompactJwt.Matches(text).Cast<Match>().Concat(HyprAccessToken.Matches(text).Cast<Match>()))
        {
            found |= SecretSlices.MarkRange(covered, match.Index, match.Length);
        }

        foreach (Match match in BearerCredential.Matches(text))
        {
            var credential = match.Groups["credential"];
            found |= SecretSlices.MarkRange(covered, credential.Index, credential.Length);
        }

        return found;
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
