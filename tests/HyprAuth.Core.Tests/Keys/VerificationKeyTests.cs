using System;
using System.Security.Cryptography;
using System.Text;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Keys;

public sealed class VerificationKeyTests
{
    [Fact]
    public void Public_forms_and_private_key_text_all_give_the_same_key()
    {
        using var platform = TestKeys.NewP256();
        using var signingKey = HyprSigningKey.Import(Convert.ToBase64String(platform.ExportPkcs8PrivateKey()));
        var forms = new[]
        {
            signingKey.PublicJwk,
            platform.ExportSubjectPublicKeyInfoPem(),
            Convert.ToBase64String(platform.ExportSubjectPublicKeyInfo()),
            Convert.ToBase64String(platform.ExportPkcs8PrivateKey()),
        };

        foreach (var form in forms)
        {
            using var key = HyprVerificationKey.Import(form);
            Assert.Equal(signingKey.Thumbprint, key.Thumbprint);
            Assert.Equal(signingKey.PublicJwk, key.PublicJwk);
        }

        using var fromSigningKey = HyprVerificationKey.FromSigningKey(signingKey);
        Assert.Equal(signingKey.Thumbprint, fromSigningKey.Thumbprint);
        Assert.Equal($"HyprVerificationKey P-256 {signingKey.Thumbprint}", fromSigningKey.ToString());
    }

    [Fact]
    public void Verify_accepts_only_the_exact_data_and_a_64_byte_signature()
    {
        using var signingKey = HyprSigningKey.Import(TestKeys.SeedClientKey);
        using var key = HyprVerificationKey.FromSigningKey(signingKey);
        var data = Encoding.UTF8.GetBytes("header.claims");
        var signature = signingKey.Sign(data);
        var tampered = (byte[])signature.Clone();
        tampered[10] ^= 1;
        using var platform = ECDsa.Create();
        platform.ImportPkcs8PrivateKey(Convert.FromBase64String(TestKeys.SeedClientKey), out _);
        var der = platform.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        Assert.True(key.Verify(data, signature));
        Assert.False(key.Verify(data, tampered));
        Assert.False(key.Verify(Encoding.UTF8.GetBytes("header.claimz"), signature));
        Assert.False(key.Verify(data, der));
        Assert.False(key.Verify(data, signature[..63]));
    }

    [Fact]
    public void A_point_off_the_curve_is_malformed()
    {
        var jwk = $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{TestKeys.A3X}\",\"y\":\"{TestKeys.A3X}\"}}";

        var error = Assert.Throws<HyprKeyException>(() => HyprVerificationKey.Import(jwk));

        Assert.Equal(KeyErrorReason.MalformedKey, error.Reason);
        Assert.StartsWith("The public key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusals_speak_of_the_public_key()
    {
        using var rsa = RSA.Create(2048);

        var error = Assert.Throws<HyprKeyException>(() => HyprVerificationKey.Import(rsa.ExportSubjectPublicKeyInfoPem()));

        Assert.Equal(KeyErrorReason.NotAnEcKey, error.Reason);
        Assert.Equal("The public key is an RSA key; HYPR client keys are EC P-256 (ES256) keys.", error.Message);
    }

    [Fact]
    public void Disposed_key_refuses_to_verify()
    {
        var key = HyprVerificationKey.Import(TestKeys.A3PublicJwk);
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.Verify(new byte[] { 1 }, new byte[64]));
    }
}
