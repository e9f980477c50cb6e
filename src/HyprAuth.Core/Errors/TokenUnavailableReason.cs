namespace HyprAuth.Core.Errors;

public enum TokenUnavailableReason
{
    /// <summary>The cache entry was cleared (Clear-HyprTokenCache); the key is gone with it.</summary>
    Cleared,

    /// <summary>The token came from a fixed assertion and has expired or was rejected; only a new assertion or the key can get another.</summary>
    CannotRenew,

    /// <summary>The API rejected the token, and a new one was got moments ago or HYPR throttles the client: no exchange now.</summary>
    RenewalWithheld,
}
