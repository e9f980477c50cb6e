using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys;

/// <summary>Refusals that more than one decoder gives, worded once.</summary>
internal static class KeyRefusals
{
    /// <summary>Ends every refusal of a key of the wrong kind or curve.</summary>
    public const string Expected = "HYPR client keys are EC P-256 (ES256) keys";

    public static HyprKeyException Empty(string subject) =>
        new HyprKeyException(
            KeyErrorReason.Empty,
            $"The {subject} is empty; give HYPR's 'Client key' (base64 PKCS#8), a PEM key or an EC JWK.");

    public static HyprKeyException Encrypted(string subject) =>
        new HyprKeyException(
            KeyErrorReason.EncryptedKey,
            $"The {subject} is encrypted with a password; give the unencrypted key, e.g. from 'openssl pkey -in key.pem -out plain.pem'.");
}
