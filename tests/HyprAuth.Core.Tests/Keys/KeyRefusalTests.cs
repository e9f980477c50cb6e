using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Keys;

public sealed class KeyRefusalTests
{
    private static readonly byte[] Order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    public static IEnumerable<object[]> RefusedKeys()
    {
        using var p256 = TestKeys.NewP256();
        using var other = TestKeys.NewP256();
        using var rsa = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        using var secp256k1 = ECDsa.Create(ECCurve.CreateFromValue("1.3.132.0.10"));
        using var brainpool = ECDsa.Create(ECCurve.NamedCurves.brainpoolP256r1);
        using var explicitCurve = ECDsa.Create(p256.ExportExplicitParameters(true));
        var parameters = p256.ExportParameters(true);
        var d = TestKeys.ToBase64Url(parameters.D!);
        var x = TestKeys.ToBase64Url(parameters.Q.X!);
        var y = TestKeys.ToBase64Url(parameters.Q.Y!);
        var seed = Convert.FromBase64String(TestKeys.SeedClientKey);
        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000);
        var certificate =
            new CertificateRequest("CN=test", p256, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow.AddDays(1));
        var otherQ = other.ExportParameters(false).Q;

        yield return Case("empty", string.Empty, KeyErrorReason.Empty);
        yield return Case("whitespace only", " \r\n\t ", KeyErrorReason.Empty);

        yield return Case("prose", "this is not a key", KeyErrorReason.NotBase64);
        yield return Case("stray character", TestKeys.SeedClientKey.Insert(20, "%"), KeyErrorReason.NotBase64);
        yield return Case("impossible length", TestKeys.SeedClientKey.TrimEnd('=') + "AAA", KeyErrorReason.NotBase64);
        yield return Case("data after padding", TestKeys.SeedClientKey + "AAAA", KeyErrorReason.NotBase64);
        yield return Case("JWK d not base64url", $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\"{d.Insert(5, "*")}\"}}", KeyErrorReason.NotBase64);

        yield return Case("truncated DER", Convert.ToBase64String(seed[..^5]), KeyErrorReason.MalformedKey);
        yield return Case("DER with trailing bytes", Convert.ToBase64String(seed.Concat(new byte[] { 0 }).ToArray()),
            KeyErrorReason.MalformedKey);
        var indefinite = new byte[] { 0x30, 0x80 }.Concat(seed[2..]).Concat(new byte[2]).ToArray();
        yield return Case("BER indefinite length", Convert.ToBase64String(indefinite), KeyErrorReason.MalformedKey);
        var longFormLength = new byte[] { 0x30, 0x81 }.Concat(seed[1..]).ToArray();
        yield return Case("length not minimally encoded", Convert.ToBase64String(longFormLength), KeyErrorReason.MalformedKey);
        var unusedBits = WithUnusedBits(p256.ExportSubjectPublicKeyInfo());
        yield return Case("public key BIT STRING with unused bits", Convert.ToBase64String(unusedBits), KeyErrorReason.MalformedKey);
        yield return Case("garbage that is base64", "QUJDREVGR0hJSktMTU5PUA==", KeyErrorReason.MalformedKey);
        yield return Case("private key zero", Convert.ToBase64String(TestKeys.Pkcs8FromD(new byte[32])), KeyErrorReason.MalformedKey);
        yield return Case("private key equal to the order", Convert.ToBase64String(TestKeys.Pkcs8FromD(Order)), KeyErrorReason.MalformedKey);
        yield return Case("SEC1 with another key's public point", Convert.ToBase64String(Sec1(parameters.D!, otherQ.X!, otherQ.Y!)),
            KeyErrorReason.MalformedKey);
        yield return Case("X.509 certificate DER", Convert.ToBase64String(certificate.RawData), KeyErrorReason.MalformedKey);
        yield return Case("PEM without END", PemEncoding.WriteString("PRIVATE KEY", seed).Split("-----END")[0], KeyErrorReason.MalformedKey);
        yield return Case("JWK not JSON", "{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":" + d, KeyErrorReason.MalformedKey);
        yield return Case("JWK without kty", $"{{\"crv\":\"P-256\",\"d\":\"{d}\"}}", KeyErrorReason.MalformedKey);
        yield return Case("JWK with numeric d", "{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":12345}", KeyErrorReason.MalformedKey);
        yield return Case("JWK with repeated d", $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\"{d}\",\"d\":\"{d}\"}}",
            KeyErrorReason.MalformedKey);
        yield return Case("JWK x and y of another key",
            $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{TestKeys.ToBase64Url(otherQ.X!)}\"," +
            $"\"y\":\"{TestKeys.ToBase64Url(otherQ.Y!)}\",\"d\":\"{d}\"}}",
            KeyErrorReason.MalformedKey);
        yield return Case("JWK with x but no y", $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{x}\",\"d\":\"{d}\"}}",
            KeyErrorReason.MalformedKey);
        yield return Case("JWK d longer than 32 bytes", $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\"AQAB{d}\"}}", KeyErrorReason.MalformedKey);

        yield return Case("RSA PKCS#8", Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()), KeyErrorReason.NotAnEcKey);
        yield return Case("RSA PKCS#8 PEM", PemEncoding.WriteString("PRIVATE KEY", rsa.ExportPkcs8PrivateKey()), KeyErrorReason.NotAnEcKey);
        yield return Case("RSA PRIVATE KEY PEM", PemEncoding.WriteString("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey()),
            KeyErrorReason.NotAnEcKey);
        yield return Case("RSA PKCS#1 DER", Convert.ToBase64String(rsa.ExportRSAPrivateKey()), KeyErrorReason.NotAnEcKey);
        yield return Case("Ed25519 PKCS#8",
            Convert.ToBase64String(Convert.FromHexString("302E020100300506032B657004220420").Concat(parameters.D!).ToArray()),
            KeyErrorReason.NotAnEcKey);
        yield return Case("RSA JWK",
            "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZpt\",\"e\":\"AQAB\",\"d\":\"X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9\"}",
            KeyErrorReason.NotAnEcKey);
        yield return Case("oct JWK",
            "{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}",
            KeyErrorReason.NotAnEcKey);

        yield return Case("P-384 PKCS#8", Convert.ToBase64String(p384.ExportPkcs8PrivateKey()), KeyErrorReason.UnsupportedCurve);
        yield return Case("P-384 EC PRIVATE KEY PEM", PemEncoding.WriteString("EC PRIVATE KEY", p384.ExportECPrivateKey()),
            KeyErrorReason.UnsupportedCurve);
        yield return Case("P-521 PKCS#8", Convert.ToBase64String(p521.ExportPkcs8PrivateKey()), KeyErrorReason.UnsupportedCurve);
        yield return Case("secp256k1 PKCS#8", Convert.ToBase64String(secp256k1.ExportPkcs8PrivateKey()), KeyErrorReason.UnsupportedCurve);
        yield return Case("brainpoolP256r1 PKCS#8", Convert.ToBase64String(brainpool.ExportPkcs8PrivateKey()), KeyErrorReason.UnsupportedCurve);
        yield return Case("explicit curve parameters", Convert.ToBase64String(explicitCurve.ExportPkcs8PrivateKey()),
            KeyErrorReason.UnsupportedCurve);
        yield return Case("EC PARAMETERS of P-384", "-----BEGIN EC PARAMETERS-----\nBgUrgQQAIg==\n-----END EC PARAMETERS-----\n"
            + PemEncoding.WriteString("EC PRIVATE KEY", p256.ExportECPrivateKey()), KeyErrorReason.UnsupportedCurve);
        yield return Case("P-384 JWK", $"{{\"kty\":\"EC\",\"crv\":\"P-384\",\"d\":\"{d}\"}}", KeyErrorReason.UnsupportedCurve);
        yield return Case("secp256k1 JWK", $"{{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"d\":\"{d}\"}}", KeyErrorReason.UnsupportedCurve);

        yield return Case("encrypted PKCS#8 DER", Convert.ToBase64String(p256.ExportEncryptedPkcs8PrivateKey("secret", pbe)),
            KeyErrorReason.EncryptedKey);
        yield return Case("ENCRYPTED PRIVATE KEY PEM", p256.ExportEncryptedPkcs8PrivateKeyPem("secret", pbe), KeyErrorReason.EncryptedKey);
        yield return Case("legacy encrypted EC PRIVATE KEY PEM",
            "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,4A7F2E5C8B1D3F6A9E0C2B4D6F8A1C3E\n\n"
            + Convert.ToBase64String(p256.ExportECPrivateKey()) + "\n-----END EC PRIVATE KEY-----", KeyErrorReason.EncryptedKey);

        yield return Case("SubjectPublicKeyInfo DER", Convert.ToBase64String(p256.ExportSubjectPublicKeyInfo()), KeyErrorReason.PublicKeyOnly);
        yield return Case("PUBLIC KEY PEM", p256.ExportSubjectPublicKeyInfoPem(), KeyErrorReason.PublicKeyOnly);
        yield return Case("public JWK", $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{x}\",\"y\":\"{y}\"}}", KeyErrorReason.JwkWithoutPrivateKey);

        yield return Case("CERTIFICATE PEM", PemEncoding.WriteString("CERTIFICATE", certificate.RawData), KeyErrorReason.UnsupportedPemLabel);
        yield return Case("unknown PEM label", PemEncoding.WriteString("SOMETHING ELSE", seed), KeyErrorReason.UnsupportedPemLabel);
        yield return Case("OpenSSH key", PemEncoding.WriteString("OPENSSH PRIVATE KEY", seed), KeyErrorReason.UnsupportedPemLabel);
    }

    [Theory]
    [MemberData(nameof(RefusedKeys))]
    public void Each_refused_kind_has_its_own_reason_and_no_key_text_in_the_message(string kind, string keyText, KeyErrorReason reason)
    {
        var error = Assert.Throws<HyprKeyException>(() => HyprSigningKey.Import(keyText));

        Assert.True(reason == error.Reason, $"{kind}: expected {reason}, got {error.Reason}: {error.Message}");
        Assert.StartsWith("The client key", error.Message, StringComparison.Ordinal);
        TestKeys.AssertNoKeyText(error, keyText);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void Refusals_name_what_was_found_and_what_is_expected()
    {
        using var rsa = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var rsaError = Assert.Throws<HyprKeyException>(() => HyprSigningKey.Import(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())));
        var curveError = Assert.Throws<HyprKeyException>(() => HyprSigningKey.Import(Convert.ToBase64String(p384.ExportPkcs8PrivateKey())));

        Assert.Equal("The client key is an RSA key; HYPR client keys are EC P-256 (ES256) keys.", rsaError.Message);
        Assert.Contains("P-384", curveError.Message, StringComparison.Ordinal);
        Assert.Contains("P-256", curveError.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("./client.key", "-KeyPath")]
    [InlineData("~/secrets/hypr-client.key", "-KeyPath")]
    [InlineData("C:\\HyprAuth\\hypr-client.key", "-KeyPath")]
    [InlineData("/etc/hypr/client.pem", "-KeyPath")]
    [InlineData("hypr-client.key", "-KeyPath")]
    [InlineData("HYPR-CLIENT.PEM", "-KeyPath")]
    [InlineData("..\\keys\\client", "-KeyPath")]
    [InlineData("D:/keys/client", "-KeyPath")]
    [InlineData("\"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\"", "remove the quotes")]
    [InlineData("'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg'", "remove the quotes")]
    public void A_file_path_or_a_quoted_key_is_named_for_what_it_is(string keyText, string advice)
    {
        var error = Assert.Throws<HyprKeyException>(() => HyprSigningKey.Import(keyText));

        Assert.Equal(KeyErrorReason.NotBase64, error.Reason);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("position", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(keyText.Trim('"', '\''), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not a key: see the docs.")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")]
    public void Prose_and_damaged_keys_are_not_taken_for_paths(string keyText)
    {
        var error = Assert.Throws<HyprKeyException>(() => HyprSigningKey.Import(keyText));

        Assert.DoesNotContain("-KeyPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_text_is_empty()
    {
        Assert.Equal(KeyErrorReason.Empty, Assert.Throws<HyprKeyException>(() => HyprSigningKey.Import((string)null!)).Reason);
        Assert.Equal(KeyErrorReason.Empty, Assert.Throws<HyprKeyException>(() => HyprSigningKey.Import((char[])null!)).Reason);
    }

    [Fact]
    public void Damaged_DER_only_ever_raises_key_refusals()
    {
        using var withPublicKey = TestKeys.NewP256();
        var originals =
            new[] { Convert.FromBase64String(TestKeys.SeedClientKey), withPublicKey.ExportPkcs8PrivateKey(), withPublicKey.ExportECPrivateKey() };
        var random = new Random(7);
        foreach (var original in originals)
        {
            for (var length = 0; length < original.Length; length++)
            {
                AssertRefusedOrImported(original[..length]);
            }

            for (var i = 0; i < 800; i++)
            {
                var damaged = (byte[])original.Clone();
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
                AssertRefusedOrImported(damaged);
            }
        }
    }

    [Fact]
    public void Damaged_PEM_and_JWK_text_only_ever_raises_key_refusals()
    {
        using var key = TestKeys.NewP256();
        var texts = new[] { TestKeys.A3Jwk, key.ExportPkcs8PrivateKeyPem(), key.ExportECPrivateKeyPem() };
        var random = new Random(11);
        foreach (var original in texts)
        {
            for (var length = 0; length < original.Length; length++)
            {
                AssertRefusedOrImported(original[..length]);
            }

            for (var i = 0; i < 300; i++)
            {
                var damaged = original.ToCharArray();
                damaged[random.Next(damaged.Length)] = (char)random.Next(32, 127);
                AssertRefusedOrImported(new string(damaged));
            }
        }
    }

    private static void AssertRefusedOrImported(byte[] der) => AssertRefusedOrImported(Convert.ToBase64String(der));

    private static void AssertRefusedOrImported(string text)
    {
        try
        {
            HyprSigningKey.Import(text).Dispose();
        }
        catch (HyprKeyException error)
        {
            TestKeys.AssertNoKeyText(error, text);
        }
    }

    /// <summary>SEC1 ECPrivateKey with named curve P-256 and the given public point (RFC 5915).</summary>
    private static byte[] Sec1(byte[] d, byte[] x, byte[] y) =>
        Convert.FromHexString("307702010104 20".Replace(" ", string.Empty))
            .Concat(d)
            .Concat(Convert.FromHexString("A00A06082A8648CE3D030107A144034200 04".Replace(" ", string.Empty)))
            .Concat(x)
            .Concat(y)
            .ToArray();

    /// <summary>SubjectPublicKeyInfo whose BIT STRING claims one unused bit (its unused-bits octet sits before the 65-byte point).</summary>
    private static byte[] WithUnusedBits(byte[] spki)
    {
        spki[spki.Length - 66] = 1;
        return spki;
    }

    private static object[] Case(string kind, string keyText, KeyErrorReason reason) => new object[] { kind, keyText, reason };
}
