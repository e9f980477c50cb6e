using System.Management.Automation;
using HyprAuth.Core.Errors;

namespace HyprAuth.Errors;

/// <summary>The ErrorId, category and advice for each reason key material is refused.</summary>
internal static class KeyErrors
{
    internal static (string ErrorId, ErrorCategory Category) For(KeyErrorReason reason)
    {
        switch (reason)
        {
            case KeyErrorReason.Empty: return (ErrorIds.ClientKeyEmpty, ErrorCategory.InvalidArgument);
            case KeyErrorReason.NotBase64: return (ErrorIds.ClientKeyNotBase64, ErrorCategory.InvalidData);
            case KeyErrorReason.NotAnEcKey: return (ErrorIds.ClientKeyNotEc, ErrorCategory.InvalidData);
            case KeyErrorReason.UnsupportedCurve: return (ErrorIds.ClientKeyUnsupportedCurve, ErrorCategory.InvalidData);
            case KeyErrorReason.EncryptedKey: return (ErrorIds.ClientKeyEncrypted, ErrorCategory.InvalidData);
            case KeyErrorReason.PublicKeyOnly: return (ErrorIds.ClientKeyPublicOnly, ErrorCategory.InvalidData);
            case KeyErrorReason.UnsupportedPemLabel: return (ErrorIds.ClientKeyUnsupportedPemLabel, ErrorCategory.InvalidData);
            case KeyErrorReason.JwkWithoutPrivateKey: return (ErrorIds.ClientKeyJwkWithoutPrivateKey, ErrorCategory.InvalidData);
            case KeyErrorReason.FileNotFound: return (ErrorIds.KeyFileNotFound, ErrorCategory.ObjectNotFound);
            case KeyErrorReason.FileUnreadable: return (ErrorIds.KeyFileUnreadable, ErrorCategory.ReadError);
            case KeyErrorReason.KeyStoreUnsupported: return (ErrorIds.ClientKeyStoreUnsupported, ErrorCategory.NotImplemented);
            case KeyErrorReason.StoredKeyNotFound: return (ErrorIds.StoredClientKeyNotFound, ErrorCategory.ObjectNotFound);
            case KeyErrorReason.StoredKeyExists: return (ErrorIds.StoredClientKeyExists, ErrorCategory.ResourceExists);
            case KeyErrorReason.StoredKeyAccessDenied: return (ErrorIds.StoredClientKeyAccessDenied, ErrorCategory.PermissionDenied);
            case KeyErrorReason.AccountNotFound: return (ErrorIds.GrantAccessAccountNotFound, ErrorCategory.ObjectNotFound);
            default: return (ErrorIds.ClientKeyMalformed, ErrorCategory.InvalidData);
        }
    }

    internal static string ActionFor(KeyErrorReason reason)
    {
        switch (reason)
        {
            case KeyErrorReason.KeyStoreUnsupported: return "On Linux and macOS pass the key " +
                "with -ClientKey or -KeyPath; stored keys (-KeyName) exist on Windows only.";
            case KeyErrorReason.StoredKeyNotFound: return "Store the key first: Import-HyprClientKey " +
                "-Name <name> -KeyPath <file> [-Scope LocalMachine -GrantAccess <account>].";
            case KeyErrorReason.StoredKeyExists: return "Choose another -Name, or remove the stored key first with Remove-HyprClientKey.";
            case KeyErrorReason.StoredKeyAccessDenied: return "Import the key again (as its owner) " +
                "with -GrantAccess naming this account, or run as an account that was granted access.";
            case KeyErrorReason.AccountNotFound: return "Name an existing account: DOMAIN\\user, DOMAIN\\gmsa$, NT SERVICE\\name, or a SID.";
            default: return RecommendedAction;
        }
    }

    internal const string RecommendedAction =
        "Pass the \"Client key\" shown by HYPR Control Center when the OAuth client was created (base64 PKCS#8 of an EC P-256 private key), " +
        "or a PEM or JWK form of the same key, with -ClientKey or -KeyPath.";
}
