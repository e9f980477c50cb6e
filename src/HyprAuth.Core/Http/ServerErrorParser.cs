using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Http;

/// <summary>
/// Reads an error response tolerantly: HYPR's errorCode/errorMessage, OAuth's error/error_description,
/// RFC 7807's title/detail, a nested status.responseCode, codes as numbers or strings, and the
/// parameters of a Bearer challenge. Every text is redacted.
/// </summary>
internal static class ServerErrorParser
{
    public const int MaximumParsedBytes = 64 * 1024;

    private static readonly Regex ChallengeParameter = new(
        @"(?<name>[A-Za-z_][A-Za-z0-9_\-]*)\s*=\s*(?:""(?<value>(?:[^""\\]|\\.)*)""|(?<value>[^\s,]*))",
        RegexOptions.CultureInvariant);

    private static readonly Regex OAuthErrorCode = new(@"^[\x21\x23-\x5B\x5D-\x7E]{1,64}$", RegexOptions.CultureInvariant);

    public static ServerError Parse(ResponseBody body, HttpResponseHeaders headers, IEnumerable<string?> secrets)
    {
        var secretList = secrets.ToList();
        var challenge = ReadBearerChallenge(headers);
        long? code = null;
        string? oauthError = null;
        string? message = null;

        using var document = ParseObject(body);
        if (document?.RootElement is JsonElement json)
        {
            code = Number(json, "errorCode") ?? Number(Child(json, "status"), "responseCode") ?? Number(json, "code");
            var error = Text(json, "error");
            if (error != null && OAuthErrorCode.IsMatch(error))
            {
                oauthError = error;
                error = null;
            }

            message = Text(json, "errorMessage")
                ?? Text(json, "error_description")
                ?? Text(json, "detail")
                ?? Text(Child(json, "status"), "responseMessage")
                ?? Text(json, "message")
                ?? error
                ?? Text(json, "title");
        }
        else if (body.LooksLikeHtml)
        {
            message = $"an HTML page ({HyprInvalidResponseException.Describe(body.MediaType, body.Length)})";
        }
        else if (body.Length > 0)
        {
            message = body.Text(MaximumParsedBytes);
        }

        challenge.TryGetValue("error", out var challengeError);
        challenge.TryGetValue("scope", out var scope);
        if (message == null && challenge.TryGetValue("error_description", out var challengeDescription))
        {
            message = challengeDescription;
        }

        return new ServerError(
            code,
            Clean(oauthError ?? challengeError, secretList),
            Clean(message, secretList),
            Clean(challengeError, secretList),
            Clean(scope, secretList));
    }

    /// <summary>The body as a JSON object; null when it is empty, not JSON, or JSON of another kind.</summary>
    private static JsonDocument? ParseObject(ResponseBody body)
    {
        if (body.Bytes.Length == 0)
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(body.Text(MaximumParsedBytes));
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Not JSON: the caller reads the body as text.
        }

        return null;
    }

    private static Dictionary<string, string> ReadBearerChallenge(HttpResponseHeaders headers)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var bearers = headers.WwwAuthenticate.Where(challenge =>
            string.Equals(challenge.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) && challenge.Parameter != null);
        foreach (var challenge in bearers)
        {
            foreach (Match match in ChallengeParameter.Matches(challenge.Parameter!))
            {
                var name = match.Groups["name"].Value;
                if (!parameters.ContainsKey(name))
                {
                    parameters[name] = match.Groups["value"].Value.Replace("\\\"", "\"").Replace("\\\\", "\\");
                }
            }
        }

        return parameters;
    }

    private static JsonElement? Child(JsonElement? element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Object } child ? child : null;

    // Tolerant: names compared case-insensitively.
    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value
            ? value.EnumerateObject().Where(property => string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                .Select(property => (JsonElement?)property.Value).FirstOrDefault()
            : null;

    private static long? Number(JsonElement? element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var value) => value,
        { ValueKind: JsonValueKind.String } text
            when long.TryParse(text.GetString()?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string? Text(JsonElement? element, string name)
    {
        var result = Property(element, name) switch
        {
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(result) ? null : result;
    }

    private static string? Clean(string? text, IEnumerable<string?> secrets)
    {
        var redacted = SecretRedactor.Redact(text, secrets);
        return redacted.Length == 0 ? null : redacted;
    }
}
