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

    private static readonly Regex ChallengeParameter = new Regex(
        @"(?<name>[A-Za-z_][A-Za-z0-9_\-]*)\s*=\s*(?:""(?<value>(?:[^""\\]|\\.)*)""|(?<value>[^\s,]*))",
        RegexOptions.CultureInvariant);

    private static readonly Regex OAuthErrorCode = new Regex(@"^[\x21\x23-\x5B\x5D-\x7E]{1,64}$", RegexOptions.CultureInvariant);

    public static ServerError Parse(ResponseBody body, HttpResponseHeaders headers, IEnumerable<string?> secrets)
    {
        var secretList = secrets.ToList();
        var challenge = ReadBearerChallenge(headers);
        long? code = null;
        string? oauthError = null;
        string? message = null;

        if (TryParseObject(body, out var root))
        {
            using (root)
            {
                var json = root.RootElement;
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
        }
        else if (body.LooksLikeHtml)
        {
            message = $"an HTML page ({Describe(body)})";
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

    public static string Describe(ResponseBody body) =>
        (string.IsNullOrEmpty(body.MediaType) ? "no content type" : body.MediaType)
        + ", " + body.Length.ToString(CultureInfo.InvariantCulture) + " bytes";

    private static bool TryParseObject(ResponseBody body, out JsonDocument document)
    {
        document = null!;
        if (body.Bytes.Length == 0)
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(body.Text(MaximumParsedBytes));
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            document.Dispose();
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> ReadBearerChallenge(HttpResponseHeaders headers)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var challenge in headers.WwwAuthenticate)
        {
            if (!string.Equals(challenge.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || challenge.Parameter == null)
            {
                continue;
            }

            foreach (Match match in ChallengeParameter.Matches(challenge.Parameter))
            {
                var value = match.Groups["value"].Value.Replace("\\\"", "\"").Replace("\\\\", "\\");
                if (!parameters.ContainsKey(match.Groups["name"].Value))
                {
                    parameters[match.Groups["name"].Value] = value;
                }
            }
        }

        return parameters;
    }

    private static JsonElement? Child(JsonElement? element, string name) =>
        Property(element, name) is JsonElement child && child.ValueKind == JsonValueKind.Object ? child : (JsonElement?)null;

    private static JsonElement? Property(JsonElement? element, string name)
    {
        if (element is not JsonElement value || value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static long? Number(JsonElement? element, string name)
    {
        switch (Property(element, name))
        {
            case JsonElement number when number.ValueKind == JsonValueKind.Number && number.TryGetInt64(out var value):
                return value;
            case JsonElement text when text.ValueKind == JsonValueKind.String
                && long.TryParse(text.GetString()?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                return null;
        }
    }

    private static string? Text(JsonElement? element, string name)
    {
        var value = Property(element, name);
        if (value is not JsonElement text)
        {
            return null;
        }

        var result = text.ValueKind switch
        {
            JsonValueKind.String => text.GetString(),
            JsonValueKind.Number => text.GetRawText(),
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
