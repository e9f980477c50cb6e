using System;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys;

/// <summary>
/// Decodes key text of any accepted form: PEM, an EC JWK, or base64/base64url DER (HYPR's "Client key").
/// Every buffer it creates is cleared before it returns or throws; the caller's text is left as it is.
/// </summary>
internal static class KeyTextDecoder
{
    public static DecodedKey Decode(char[] text, int start, int end, string subject)
    {
        while (start < end && KeyBase64.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && KeyBase64.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (start == end)
        {
            throw KeyRefusals.Empty(subject);
        }

        if (PemText.ContainsBlock(text, start, end))
        {
            return DecodePem(text, start, end, subject);
        }

        if (text[start] == '{')
        {
            return JwkKeyDecoder.Decode(text, start, end, subject);
        }

        KeyTextMixUps.ThrowIfMixedUp(text, start, end, subject);
        return DecodeDer(text, start, end, subject, subject);
    }

    private static DecodedKey DecodeDer(char[] text, int start, int end, string what, string subject)
    {
        var der = KeyBase64.Decode(text, start, end, what);
        try
        {
            return KeyDerDecoder.Decode(der, subject);
        }
        finally
        {
            Array.Clear(der, 0, der.Length);
        }
    }

    private static DecodedKey DecodePem(char[] text, int start, int end, string subject)
    {
        PemBlock? key = null;
        PemBlock? other = null;
        foreach (var block in PemText.ReadBlocks(text, start, end, subject))
        {
            if (block.Label == "EC PARAMETERS")
            {
                var der = KeyBase64.Decode(text, block.BodyStart, block.BodyEnd, $"{subject} (PEM EC PARAMETERS)");
                KeyDerDecoder.CheckCurveParameters(der, subject);
            }
            else if (block.Label is "CERTIFICATE" or "X509 CERTIFICATE" or "TRUSTED CERTIFICATE")
            {
                other ??= block;
            }
            else
            {
                key ??= block;
            }
        }

        // A certificate beside the key (a combined PEM file) is skipped; a certificate alone is refused by its label.
        var chosen = key ?? other ?? throw new HyprKeyException(
            KeyErrorReason.MalformedKey,
            $"The {subject} has only an EC PARAMETERS block and no key.");
        if (PemText.IndexOf(text, ":", chosen.BodyStart, chosen.BodyEnd) >= 0)
        {
            // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") are what OpenSSL writes for password-protected legacy keys.
            throw PemText.IndexOf(text, "ENCRYPTED", chosen.BodyStart, chosen.BodyEnd) >= 0
                ? KeyRefusals.Encrypted(subject)
                : new HyprKeyException(KeyErrorReason.MalformedKey, $"The {subject} has PEM header lines, which are not supported.");
        }

        return chosen.Label switch
        {
            "PRIVATE KEY" or "EC PRIVATE KEY" or "PUBLIC KEY" =>
                DecodeDer(text, chosen.BodyStart, chosen.BodyEnd, $"{subject} (PEM {chosen.Label})", subject),
            "ENCRYPTED PRIVATE KEY" => throw KeyRefusals.Encrypted(subject),
            "RSA PRIVATE KEY" or "RSA PUBLIC KEY" => throw new HyprKeyException(KeyErrorReason.NotAnEcKey,
                $"The {subject} is an RSA key (PEM {chosen.Label}); {KeyRefusals.Expected}."),
            "DSA PRIVATE KEY" => throw new HyprKeyException(KeyErrorReason.NotAnEcKey,
                $"The {subject} is a DSA key (PEM {chosen.Label}); {KeyRefusals.Expected}."),
            "OPENSSH PRIVATE KEY" => throw new HyprKeyException(KeyErrorReason.UnsupportedPemLabel,
                $"The {subject} is in OpenSSH format; convert a copy to PKCS#8 with 'ssh-keygen -p -m PKCS8 -f <file>'."),
            _ => throw new HyprKeyException(KeyErrorReason.UnsupportedPemLabel,
                $"The {subject} is a PEM block {PemText.Describe(chosen.Label)}; expected PRIVATE KEY or EC PRIVATE KEY."),
        };
    }
}
