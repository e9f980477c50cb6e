using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace HyprAuth.Emulator;

/// <summary>
/// The error body: HYPR's code and message plus the OAuth error pair. HYPR's exact field names are not public,
/// which is why clients must parse error bodies tolerantly.
/// </summary>
public sealed record HyprError
{
    public const int InvalidParameters = 1201023;
    public const int ApiTokenInvalid = 1201046;
    public const int InvalidExchange = 1201047;
    public const int ExchangeThrottled = 1201093;
    public const int TooManyRequests = 1202500;

    /// <summary>The emulator's own code for a malformed API request (HYPR documents none).</summary>
    public const int InvalidApiRequest = 1200400;

    /// <summary>The emulator's own code for an unknown bulk entity (HYPR documents none).</summary>
    public const int UnknownEntity = 1200404;

    [JsonPropertyName("errorCode")] public required int ErrorCode { get; init; }
    [JsonPropertyName("errorMessage")] public required string ErrorMessage { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("error_description")] public string? ErrorDescription { get; init; }

    public static HyprError Create(int code, string message, string? error) =>
        new() { ErrorCode = code, ErrorMessage = message, Error = error, ErrorDescription = error is null ? null : message };

    public Task WriteAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(this, EmulatorJson.Default.HyprError, contentType: null, context.RequestAborted);
    }
}
