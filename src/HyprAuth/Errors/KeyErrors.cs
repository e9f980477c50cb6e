using HyprAuth.Core.Errors;

namespace HyprAuth.Errors;

/// <summary>The ErrorId, category and advice for each reason key material is refused.</summary>
internal static class KeyErrors
{
    internal static (string ErrorId, ErrorCategory Category) For(KeyErrorReason reason) => reason switch
    {
        KeyErrorReason.Empty => (ErrorIds.ClientKeyEmpty, ErrorCategory.InvalidArgument),
        KeyErrorReason.NotBase64 => (ErrorIds.ClientKeyNotBase64, ErrorCategory.InvalidData),
        KeyErrorReason.NotAnEcKey => (ErrorIds.ClientKeyNotEc, ErrorCategory.InvalidData),
        KeyErrorReason.UnsupportedCurve => (ErrorIds.ClientKeyUnsupportedCurve, ErrorCategory.InvalidData),
        KeyErrorReason.EncryptedKey => (ErrorIds.ClientKeyEncrypted, ErrorCategory.InvalidData),
        KeyErrorReason.PublicKeyOnly => (ErrorIds.ClientKeyPublicOnly, ErrorCategory.InvalidData),
        KeyErrorReason.UnsupportedPemLabel => (ErrorIds.ClientKeyUnsupportedPemLabel, ErrorCategory.InvalidData),
        KeyErrorReason.JwkWithoutPrivateKey => (ErrorIds.ClientKeyJwkWithoutPrivateKey, ErrorCategory.InvalidData),
        KeyErrorReason.FileNotFound => (ErrorIds.KeyFileNotFound, ErrorCategory.ObjectNotFound),
        KeyErrorReason.FileUnreadable => (ErrorIds.KeyFileUnreadable, ErrorCategory.ReadError),
        KeyErrorReason.KeyStoreUnsupported => (ErrorIds.ClientKeyStoreUnsupported, ErrorCategory.NotImplemented),
        KeyErrorReason.StoredKeyNotFound => (ErrorIds.StoredClientKeyNotFound, ErrorCategory.ObjectNotFound),
        KeyErrorReason.StoredKeyExists => (ErrorIds.StoredClientKeyExists, ErrorCategory.ResourceExists),
        KeyErrorReason.StoredKeyAccessDenied => (ErrorIds.StoredClientKeyAccessDenied, ErrorCategory.PermissionDenied),
        KeyErrorReason.AccountNotFound => (ErrorIds.GrantAccessAccountNotFound, ErrorCategory.ObjectNotFound),
        _ => (ErrorIds.ClientKeyMalformed, ErrorCategory.InvalidData),
    };

    internal static string ActionFor(KeyErrorReason reason) => reason switch
    {
        KeyErrorReason.KeyStoreUnsupported =>
            "On Linux and macOS pass the key with -ClientKey or -KeyPath; stored keys (-KeyName) exist on Windows only.",
        KeyErrorReason.StoredKeyNotFound =>
            "Store the key first: Import-HyprClientKey -Name <name> -KeyPath <file> [-Scope LocalMachine -GrantAccess <account>].",
        KeyErrorReason.StoredKeyExists => "Choose another -Name, or remove the stored key first with Remove-HyprClientKey.",
        KeyErrorReason.StoredKeyAccessDenied =>
            "Import the key again (as its owner) with -GrantAccess naming this account, or run as an account that was granted access.",
        KeyErrorReason.AccountNotFound => "Name an existing account: DOMAIN\\user, DOMAIN\\gmsa$, NT SERVICE\\name, or a SID.",
        _ => RecommendedAction,
    };

    internal const string RecommendedAction =
        "Pass the \"Client key\" shown by HYPR Control Center when the OAuth client was created (base64 PKCS#8 of an EC P-256 private key), " +
        "or a PEM or JWK form of the same key, with -ClientKey or -KeyPath.";
}
