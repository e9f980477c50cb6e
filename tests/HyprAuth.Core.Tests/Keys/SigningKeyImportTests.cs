using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Keys;

public sealed class SigningKeyImportTests
{
    private static readonly ECDsa Reference = CreateReference();

    public static IEnumerable<object[]> AcceptedForms()
    {
        var pkcs8 = Reference.ExportPkcs8PrivateKey();
        var parameters = Reference.ExportParameters(true);
        var pkcs8WithoutPublicKey = TestKeys.Pkcs8FromD(parameters.D!);
        var sec1 = Reference.ExportECPrivateKey();
        var d = TestKeys.ToBase64Url(parameters.D!);
        var x = TestKeys.ToBase64Url(parameters.Q.X!);
        var y = TestKeys.ToBase64Url(parameters.Q.Y!);
        var sec1Pem = PemEncoding.WriteString("EC PRIVATE KEY", sec1);
        var base64 = Convert.ToBase64String(pkcs8WithoutPublicKey);
        using var certificateKey = TestKeys.NewP256();
        var certificate =
            new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test", certificateKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        yield return new object[] { "HYPR Client key shape (PKCS#8, no public key)", base64 };
        yield return new object[] { "PKCS#8 with public key", Convert.ToBase64String(pkcs8) };
        yield return new object[] { "SEC1 DER", Convert.ToBase64String(sec1) };
        yield return new object[] { "base64url alphabet, no padding", TestKeys.ToBase64Url(pkcs8) };
        yield return new object[] { "line breaks, spaces and tabs anywhere", string.Join("\r\n \t", Chunks(base64, 7)) + "\n" };
        yield return new object[] { "surrounding whitespace", "  \t\n" + base64 + " \r\n" };
        yield return new object[] { "PEM PRIVATE KEY", PemEncoding.WriteString("PRIVATE KEY", pkcs8) };
        yield return new object[] { "PEM PRIVATE KEY with CRLF",
            PemEncoding.WriteString("PRIVATE KEY", pkcs8WithoutPublicKey).Replace("\n", "\r\n") };
        yield return new object[] { "PEM EC PRIVATE KEY", sec1Pem };
        yield return new object[] { "PEM EC PARAMETERS then EC PRIVATE KEY",
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + sec1Pem };
        yield return new object[] { "PEM with text around it", "Bag Attributes\n    localKeyID: 01\n"
            + PemEncoding.WriteString("PRIVATE KEY", pkcs8) + "\ntrailer" };
        yield return new object[] { "PEM certificate then key", PemEncoding.WriteString("CERTIFICATE", certificate.RawData) + "\n" + sec1Pem };
        yield return new object[] { "JWK with d only", $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\"{d}\"}}" };
        yield return new object[] { "JWK with d, x, y and other members",
            $"{{ \"kid\": \"k1\", \"use\": \"sig\", \"kty\": \"EC\",\n \"crv\": \"P-256\", \"x\": \"{x}\", \"y\": \"{y}\", \"d\": \"{d}\", " +
            "\"key_ops\": [\"sign\"], \"ext\": {\"a\": 1} }" };
        yield return new object[] { "JWK with an escaped character in d",
            $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\"\\u{(int)d[0]:x4}{d.Substring(1)}\"}}" };
    }

    [Theory]
    [MemberData(nameof(AcceptedForms))]
    public void Every_accepted_form_imports_the_same_key(string form, string keyText)
    {
        using var key = HyprSigningKey.Import(keyText);

        Assert.True(TestKeys.ExpectedPublicJwk(Reference) == key.PublicJwk, form);
    }

    [Theory]
    [MemberData(nameof(AcceptedForms))]
    public void Char_array_import_matches_and_leaves_the_callers_array_alone(string form, string keyText)
    {
        var chars = keyText.ToCharArray();

        using var key = HyprSigningKey.Import(chars);

        Assert.True(TestKeys.ExpectedPublicJwk(Reference) == key.PublicJwk, form);
        Assert.Equal(keyText, new string(chars));
    }

    [Fact]
    public void Rfc7515_A3_jwk_imports_with_the_RFCs_public_key()
    {
        using var key = HyprSigningKey.Import(TestKeys.A3Jwk);

        Assert.Equal(TestKeys.A3PublicJwk, key.PublicJwk);
    }

    [Fact]
    public void Rfc7515_A3_pkcs8_built_from_d_alone_derives_the_RFCs_public_key()
    {
        var pkcs8 = TestKeys.Pkcs8FromD(TestKeys.FromBase64Url(TestKeys.A3D));

        using var key = HyprSigningKey.Import(Convert.ToBase64String(pkcs8));

        Assert.Equal(TestKeys.A3PublicJwk, key.PublicJwk);
    }

    [Fact]
    public void Seed_client_key_derives_the_same_public_key_as_dotnets_own_pkcs8_import()
    {
        using var platform = ECDsa.Create();
        platform.ImportPkcs8PrivateKey(Convert.FromBase64String(TestKeys.SeedClientKey), out _);

        using var key = HyprSigningKey.Import(TestKeys.SeedClientKey);

        Assert.Equal(TestKeys.ExpectedPublicJwk(platform), key.PublicJwk);
        var data = "payload"u8.ToArray();
        Assert.True(platform.VerifyData(data, key.Sign(data), HashAlgorithmName.SHA256));
    }

    [Fact]
    public void ToString_names_the_curve_and_thumbprint_and_nothing_secret()
    {
        using var key = HyprSigningKey.Import(TestKeys.SeedClientKey);

        Assert.Equal($"HyprSigningKey P-256 {key.Thumbprint}", key.ToString());
    }

    private static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    private static ECDsa CreateReference()
    {
        // A key whose d starts with a letter, so the escaped-character JWK case is meaningful.
        while (true)
        {
            var ecdsa = TestKeys.NewP256();
            if (char.IsLetter(TestKeys.ToBase64Url(ecdsa.ExportParameters(true).D!)[0]))
            {
                return ecdsa;
            }

            ecdsa.Dispose();
        }
    }
}
