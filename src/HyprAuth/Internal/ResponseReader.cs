using System.Text.Json;
using HyprAuth.Core.Api;
using HyprAuth.Errors;

namespace HyprAuth.Internal;

/// <summary>The API's answer as PowerShell objects; a body that claims to be JSON and is not is an error that says so.</summary>
internal static class ResponseReader
{
    internal static object? Read(ApiResponse response, bool convertDates)
    {
        if (response.Body.Length == 0)
        {
            return null;
        }

        if (!response.IsJson)
        {
            return response.Body;
        }

        using (JsonDocument document = Parse(response))
        {
            return JsonToPSObject.Convert(document.RootElement, convertDates);
        }
    }

    internal static JsonDocument Parse(ApiResponse response)
    {
        try
        {
            return JsonDocument.Parse(response.Body);
        }
        catch (JsonException exception)
        {
            // Say what came back, never the body itself: it may echo what was sent.
            throw new HyprException(
                $"{response.Uri.GetLeftPart(System.UriPartial.Path)} answered HTTP {response.StatusCode} " +
                    $"with {response.ContentType}, {response.Body.Length} characters, " +
                $"that is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).",
                ErrorIds.HyprInvalidResponse)
            {
                StatusCode = response.StatusCode,
                Endpoint = response.Uri,
            };
        }
    }
}
