using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Keys;

public sealed class SigningTests
{
    [Fact]
    public void Rfc7515_A3_key_signs_what_an_independent_ECDsa_built_from_the_RFCs_public_key_verifies()
    {
        using var key = HyprSigningKey.Import(TestKeys.A3Jwk);
        using var verifier = TestKeys.PublicEcdsa(TestKeys.FromBase64Url(TestKeys.A3X), TestKeys.FromBase64Url(TestKeys.A3Y));
        var input = Encoding.ASCII.GetBytes(TestKeys.A3SigningInput);

        var signature = key.Sign(input);

        Assert.Equal(64, signature.Length);
        Assert.True(verifier.VerifyData(input, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Rfc7515_A3_published_signature_verifies_with_the_imported_public_key()
    {
        using var key = HyprVerificationKey.Import(TestKeys.A3PublicJwk);

        Assert.True(key.Verify(Encoding.ASCII.GetBytes(TestKeys.A3SigningInput), TestKeys.FromBase64Url(TestKeys.A3Signature)));
    }

    [Fact]
    public void Ten_thousand_signatures_are_all_64_bytes_and_all_verify()
    {
        using var platform = TestKeys.NewP256();
        using var key = HyprSigningKey.Import(Convert.ToBase64String(TestKeys.Pkcs8FromD(platform.ExportParameters(true).D!)));
        var data = new byte[100];
        for (var i = 0; i < 10_000; i++)
        {
            BitConverter.TryWriteBytes(data, i);
            var signature = key.Sign(data);
            Assert.Equal(64, signature.Length);
            Assert.True(platform.VerifyData(data, signature, HashAlgorithmName.SHA256), $"signature {i}");
        }
    }

    [Fact]
    public void Signing_from_many_threads_at_once_gives_valid_signatures()
    {
        using var platform = TestKeys.NewP256();
        using var key = HyprSigningKey.Import(Convert.ToBase64String(platform.ExportPkcs8PrivateKey()));
        var results = new (byte[] Data, byte[] Signature)[16 * 250];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var data = Encoding.UTF8.GetBytes($"message {i}");
            results[i] = (data, key.Sign(data));
        });

        Assert.All(results, result =>
        {
            Assert.Equal(64, result.Signature.Length);
            Assert.True(platform.VerifyData(result.Data, result.Signature, HashAlgorithmName.SHA256));
        });
    }

    [Fact]
    public void Signatures_are_randomised_per_call()
    {
        using var key = HyprSigningKey.Import(TestKeys.SeedClientKey);
        var data = new byte[] { 1, 2, 3 };

        Assert.NotEqual(key.Sign(data), key.Sign(data));
    }

    [Fact]
    public void Disposed_key_refuses_to_sign_and_disposes_once()
    {
        var key = HyprSigningKey.Import(TestKeys.SeedClientKey);

        key.Dispose();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.Sign(new byte[] { 1 }));
    }

    [Fact]
    public void Null_or_empty_data_is_an_argument_error()
    {
        using var key = HyprSigningKey.Import(TestKeys.SeedClientKey);

        Assert.Throws<ArgumentNullException>(() => key.Sign(null!));
        Assert.Throws<ArgumentException>(() => key.Sign(Array.Empty<byte>()));
    }
}
