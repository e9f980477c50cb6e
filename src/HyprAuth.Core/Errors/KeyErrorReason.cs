namespace HyprAuth.Core.Errors;

/// <summary>Why key material was refused. Each value maps to its own stable ErrorId in the cmdlets.</summary>
public enum KeyErrorReason
{
    Empty,
    NotBase64,
    MalformedKey,
    NotAnEcKey,
    UnsupportedCurve,
    EncryptedKey,
    PublicKeyOnly,
    UnsupportedPemLabel,
    JwkWithoutPrivateKey,
    FileNotFound,
    FileUnreadable,

    /// <summary>Windows key storage (CNG) was asked for on Linux or macOS.</summary>
    KeyStoreUnsupported,
    StoredKeyNotFound,
    StoredKeyExists,
    StoredKeyAccessDenied,

    /// <summary>An account to grant access to a stored key does not exist.</summary>
    AccountNotFound,
}
