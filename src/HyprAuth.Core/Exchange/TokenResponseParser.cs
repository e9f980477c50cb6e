using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Exchange;

/// <summary>
/// Turns a success response of the token endpoint into a <see cref="TokenResult"/>, or says clearly why it cannot:
/// a half-filled token would only fail later, further from the cause.
/// </summary>
internal static class TokenResponseParser
{
    public const int MaximumBodyBytes = 1024 * 1024;

    /// <summary>Used when expires_in is missing: short enough that an actually shorter token is soon renewed.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(300);

    /// <summary>Longer lifetimes are capped: a token is renewed at least this often.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Longer access tokens are refused: HYPR's are 42 characters, a JWT access token a few hundred, and the token
    /// travels in a header of every request and sits in the persistent cache's files.
    /// </summary>
    public const int MaximumAccessTokenLength = 4096;

    public static TokenResult Parse(ResponseBody body, int statusCode, Uri endpoint, string clientId, DateTimeOffset sentAt, IHyprEvents events)
    {
        Exception Invalid(string problem) => new HyprInvalidResponseException(endpoint, statusCode, body.MediaType, body.Length, problem);

        if (body.ExceededLimit)
        {
            throw Invalid($"the body is larger than the {MaximumBodyBytes / 1024} KiB a token response may have");
        }

        if (body.LooksLikeHtml)
        {
            throw Invalid("an HTML page, not a token response; is the tenant URI or token endpoint right, or is a proxy answering?");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Text());
        }
        catch (JsonException)
        {
            throw Invalid(body.Length == 0 ? "an empty body, not a token response" : "a body that is not JSON");
        }

        using (document)
        {
            var json = document.RootElement;
            if (json.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("JSON that is not an object");
            }

            var accessToken = json.TryGetProperty("access_token", out var tokenElement) && tokenElement.ValueKind == JsonValueKind.String
                ? tokenElement.GetString()
                : null;
            if (string.IsNullOrWhiteSpace(accessToken))
            {
                throw Invalid("no access_token in the response");
            }

            var problem = CheckTokenSyntax(accessToken!) ?? CheckTokenType(json, accessToken!, endpoint, events);
            if (problem != null)
            {
                throw Invalid(problem);
            }

            var lifetime = ReadLifetime(json, endpoint, events, out problem);
            if (problem != null)
            {
                throw Invalid(problem);
            }

            return new TokenResult(accessToken!, "Bearer", ReadScopes(json), sentAt, sentAt + lifetime, endpoint, clientId);
        }
    }

    /// <summary>
    /// RFC 6750's b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". Anything else would be sent in
    /// a header (a line break there forges headers) and written to disk. The problem never quotes the token.
    /// </summary>
    private static string? CheckTokenSyntax(string accessToken)
    {
        if (accessToken.Length > MaximumAccessTokenLength)
        {
            return $"the access_token is longer than the {MaximumAccessTokenLength} characters HyprAuth accepts";
        }

        var padding = accessToken.Length - accessToken.TrimEnd('=').Length;
        for (var i = 0; i < accessToken.Length; i++)
        {
            var c = accessToken[i];
            if (c == '\r' || c == '\n')
            {
                return "the access_token contains a line break";
            }

            if (char.IsControl(c))
            {
                return "the access_token contains a control character";
            }

            if (c > '~')
            {
                return "the access_token contains characters that are not ASCII";
            }

            var tokenCharacter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~+/".IndexOf(c) >= 0;
            if (!tokenCharacter && !(c == '=' && i >= accessToken.Length - padding && padding < accessToken.Length))
            {
                return "the access_token is not a bearer token (RFC 6750 b64token: letters, digits, -._~+/ and trailing =)";
            }
        }

        return null;
    }

    // RFC 6749 makes token_type required, but a missing one is no threat: the token goes out as Bearer either way.
    // The new access token is not among the live secrets yet (TokenResult adds it), so it is named to the redactor.
    private static string? CheckTokenType(JsonElement json, string accessToken, Uri endpoint, IHyprEvents events)
    {
        if (!json.TryGetProperty("token_type", out var type) || type.ValueKind == JsonValueKind.Null)
        {
            events.Verbose($"The response of {endpoint.Authority} has no token_type; it is taken as Bearer.");
            return null;
        }

        if (type.ValueKind == JsonValueKind.String && string.Equals(type.GetString()?.Trim(), "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var shown = SecretRedactor.Redact(type.ValueKind == JsonValueKind.String ? type.GetString() : type.ValueKind.ToString(), accessToken);
        return $"token_type '{(shown.Length > 40 ? shown.Substring(0, 40) : shown)}' is not Bearer, the only type HyprAuth can use";
    }

    private static TimeSpan ReadLifetime(JsonElement json, Uri endpoint, IHyprEvents events, out string? problem)
    {
        problem = null;
        if (!json.TryGetProperty("expires_in", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            events.Verbose($"The response of {endpoint.Authority} has no expires_in; " +
                $"the token is assumed to last {WholeSeconds.Of(DefaultLifetime)} s.");
            return DefaultLifetime;
        }

        double seconds;
        if (element.ValueKind == JsonValueKind.Number)
        {
            // Beyond a double's range is simply "absurdly large".
            seconds = element.TryGetDouble(out var number) && !double.IsInfinity(number) ? number : double.MaxValue;
        }
        else if (element.ValueKind != JsonValueKind.String
            || !double.TryParse(element.GetString()?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out seconds))
        {
            problem = "expires_in is not a number of seconds";
            return TimeSpan.Zero;
        }

        if (double.IsNaN(seconds) || seconds < 1)
        {
            problem = "expires_in is not a positive number of seconds";
            return TimeSpan.Zero;
        }

        if (seconds > MaximumLifetime.TotalSeconds)
        {
            events.Verbose($"The token of {endpoint.Authority} claims to last {WholeSeconds.Of(seconds)} s; " +
                $"it is treated as lasting {WholeSeconds.Of(MaximumLifetime)} s.");
            return MaximumLifetime;
        }

        return TimeSpan.FromSeconds(Math.Floor(seconds));
    }

    private static IReadOnlyList<string> ReadScopes(JsonElement json) =>
        !json.TryGetProperty("scope", out var scope) ? Array.Empty<string>() : scope.ValueKind switch
        {
            JsonValueKind.String => scope.GetString()!.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries),
            JsonValueKind.Array =>
                scope.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToArray(),
            _ => Array.Empty<string>(),
        };
}
