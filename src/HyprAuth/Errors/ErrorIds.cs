namespace HyprAuth.Errors;

/// <summary>
/// Every ErrorId HyprAuth writes. They are part of the public contract: scripts match on them
/// ($_.FullyQualifiedErrorId -like 'HyprTokenExchangeThrottled,*'), so a value never changes once released.
/// </summary>
public static class ErrorIds
{
    // Key material (New-HyprClientAssertion, Get-HyprAccessToken, Invoke-HyprApi, Test-HyprClientAssertion).
    public const string ClientKeyEmpty = "ClientKeyEmpty";
    public const string ClientKeyNotBase64 = "ClientKeyNotBase64";
    public const string ClientKeyMalformed = "ClientKeyMalformed";
    public const string ClientKeyNotEc = "ClientKeyNotEc";
    public const string ClientKeyUnsupportedCurve = "ClientKeyUnsupportedCurve";
    public const string ClientKeyEncrypted = "ClientKeyEncrypted";
    public const string ClientKeyPublicOnly = "ClientKeyPublicOnly";
    public const string ClientKeyUnsupportedPemLabel = "ClientKeyUnsupportedPemLabel";
    public const string ClientKeyJwkWithoutPrivateKey = "ClientKeyJwkWithoutPrivateKey";
    public const string KeyFileNotFound = "KeyFileNotFound";
    public const string KeyFileUnreadable = "KeyFileUnreadable";
    public const string ClientKeyWrongType = "ClientKeyWrongType";
    public const string PublicKeyInvalid = "PublicKeyInvalid";

    // Client keys in Windows key storage (Import-HyprClientKey, Remove-HyprClientKey, -KeyName).
    public const string ClientKeyStoreUnsupported = "ClientKeyStoreUnsupported";
    public const string StoredClientKeyNotFound = "StoredClientKeyNotFound";
    public const string StoredClientKeyExists = "StoredClientKeyExists";
    public const string StoredClientKeyAccessDenied = "StoredClientKeyAccessDenied";
    public const string GrantAccessAccountNotFound = "GrantAccessAccountNotFound";

    // Other arguments: "Invalid" + the parameter's name, e.g. InvalidExpiresAt, InvalidTenantUri, InvalidHeaders.
    public const string InvalidArgumentPrefix = "Invalid";
    public const string NoConnection = "NoConnection";

    // Connect-Hypr -EnvironmentVariable.
    public const string EnvironmentVariableMissing = "EnvironmentVariableMissing";
    public const string EnvironmentVariableInvalid = "EnvironmentVariableInvalid";
    public const string OutFileWriteFailed = "OutFileWriteFailed";

    // HYPR's own error codes, one ErrorId each (HYPR's troubleshooting table).
    public const string HyprInvalidTokenRequest = "HyprInvalidTokenRequest";         // 1201023
    public const string HyprTokenInvalidOrExpired = "HyprTokenInvalidOrExpired";     // 1201046
    public const string HyprInvalidTokenExchange = "HyprInvalidTokenExchange";       // 1201047
    public const string HyprTokenExchangeThrottled = "HyprTokenExchangeThrottled";   // 1201093
    public const string HyprRateLimited = "HyprRateLimited";                         // 1202500 and other 429s

    // The protocol and the wire.
    public const string HyprInsufficientScope = "HyprInsufficientScope";
    public const string HyprRequestFailed = "HyprRequestFailed";
    public const string HyprInvalidResponse = "HyprInvalidResponse";
    public const string HyprConnectionFailed = "HyprConnectionFailed";
    public const string HyprTlsFailed = "HyprTlsFailed";
    public const string HyprRequestTimedOut = "HyprRequestTimedOut";
    public const string HyprRedirectNotFollowed = "HyprRedirectNotFollowed";
    public const string HyprTokenEndpointNotFound = "HyprTokenEndpointNotFound";

    // The session cache.
    public const string HyprTokenCannotRenew = "HyprTokenCannotRenew";
    public const string HyprTokenCacheCleared = "HyprTokenCacheCleared";
    public const string TokenCacheFolderTooOpen = "TokenCacheFolderTooOpen";
    public const string TokenCacheFileTooOpen = "TokenCacheFileTooOpen";
    public const string TokenCacheInaccessible = "TokenCacheInaccessible";
    public const string TokenCacheNotOwned = "TokenCacheNotOwned";
    public const string TokenCacheSymbolicLink = "TokenCacheSymbolicLink";

    // The audit export's checkpoint (Get-HyprAuditEvent -Checkpoint).
    public const string CheckpointDamaged = "CheckpointDamaged";
    public const string CheckpointBusy = "CheckpointBusy";
    public const string CheckpointInaccessible = "CheckpointInaccessible";
}
