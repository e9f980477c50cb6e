using System.Text.Json;
using HyprAuth.Core.Api;

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

        using JsonDocument document = response.ParseJson();
        return JsonToPSObject.Convert(document.RootElement, convertDates);
    }
}
