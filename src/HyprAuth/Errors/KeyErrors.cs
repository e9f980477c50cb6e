using System.Management.Automation;
using HyprAuth.Core.Errors;

namespace HyprAuth.Errors
{
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
                default: return (ErrorIds.ClientKeyMalformed, ErrorCategory.InvalidData);
            }
        }

        internal const string RecommendedAction =
            "Pass the \"Client key\" shown by HYPR Control Center when the OAuth client was created (base64 PKCS#8 of an EC P-256 private key), " +
            "or a PEM or JWK form of the same key, with -ClientKey or -KeyPath.";
    }
}
