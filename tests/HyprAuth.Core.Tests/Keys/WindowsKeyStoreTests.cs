using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Keys.WindowsStore;
using HyprAuth.Core.Tests.PersistentCache;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Keys;

/// <summary>What of the Windows key store can be proven anywhere: the blob it imports, and the refusal off Windows.</summary>
public sealed class WindowsKeyStoreTests
{
    [Fact]
    public void Ecc_private_blob_is_BCRYPT_ECCKEY_BLOB_for_ECDSA_P256_with_X_Y_and_d()
    {
        using var key = HyprSigningKey.Import(TestKeys.A3Jwk);

        byte[] blob = key.ExportEccPrivateBlob();

        Assert.Equal(8 + (3 * 32), blob.Length);
        Assert.Equal("ECS2", Encoding.ASCII.GetString(blob, 0, 4));
        Assert.Equal(32, BitConverter.ToInt32(blob, 4));
        Assert.Equal(TestKeys.FromBase64Url(TestKeys.A3X), blob.Skip(8).Take(32));
        Assert.Equal(TestKeys.FromBase64Url(TestKeys.A3Y), blob.Skip(40).Take(32));
        Assert.Equal(TestKeys.FromBase64Url(TestKeys.A3D), blob.Skip(72).Take(32));
    }

    [Fact]
    public void A_platform_key_signs_and_reports_the_public_key_it_holds()
    {
        var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = TestKeys.FromBase64Url(TestKeys.A3D),
            Q = new ECPoint { X = TestKeys.FromBase64Url(TestKeys.A3X), Y = TestKeys.FromBase64Url(TestKeys.A3Y) },
        });
        using var key = HyprSigningKey.FromPlatformKey(ecdsa);
        using var verifier = TestKeys.PublicEcdsa(TestKeys.FromBase64Url(TestKeys.A3X), TestKeys.FromBase64Url(TestKeys.A3Y));
        byte[] data = Encoding.ASCII.GetBytes("signed by a key that never left its store");

        Assert.True(verifier.VerifyData(data, key.Sign(data), HashAlgorithmName.SHA256));
        using var fromJwk = HyprSigningKey.Import(TestKeys.A3Jwk);
        Assert.Equal(fromJwk.Thumbprint, key.Thumbprint);
    }

    [UnixFact("Windows has key storage: tests/ClientKeyStore.Tests.ps1 (tag Windows) proves it there.")]
    public void Every_operation_refuses_off_Windows_with_KeyStoreUnsupported()
    {
        using var key = HyprSigningKey.Import(TestKeys.A3Jwk);
        Assert.False(WindowsKeyStore.IsSupported);
        foreach (Action call in new Action[]
        {
            () => WindowsKeyStore.Open("hypr-test"),
            () => WindowsKeyStore.Import("hypr-test", key, machine: false, Array.Empty<string>()),
            () => _ = WindowsKeyStore.Delete("hypr-test", machine: true),
            () => WindowsKeyStore.Exists("hypr-test", machine: false),
        })
        {
            var refusal = Assert.Throws<HyprKeyException>(call);
            Assert.Equal(KeyErrorReason.KeyStoreUnsupported, refusal.Reason);
        }
    }
}
