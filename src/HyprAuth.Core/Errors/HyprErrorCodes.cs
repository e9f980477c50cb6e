namespace HyprAuth.Core.Errors;

/// <summary>
/// HYPR's numeric error codes that the module acts on or explains, in one place: the engine decides retries and
/// renewals by them, and the cmdlets map them to ErrorIds (see HYPR's troubleshooting table).
/// </summary>
public static class HyprErrorCodes
{
    /// <summary>A token request HYPR refuses as such: a scope that is no API scope, a token TTL under 60 seconds.</summary>
    public const long InvalidTokenRequest = 1201023;

    /// <summary>The API rejected the access token (invalid or expired), or, with 403, its scope or rpAppId.</summary>
    public const long TokenInvalidOrExpired = 1201046;

    /// <summary>HYPR's one answer to every problem with a client assertion.</summary>
    public const long InvalidTokenExchange = 1201047;

    /// <summary>Too many active tokens: waiting seconds does not help, only a token expiring does.</summary>
    public const long TokenExchangeThrottled = 1201093;

    public const long TooManyRequests = 1202500;
}
