using System;
using System.Security.Cryptography;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Keys;

/// <summary>The managed Q = d·G used where the runtime cannot derive Q (.NET Framework), checked against this platform's.</summary>
public sealed class PublicKeyDerivationTests
{
    private static readonly byte[] Order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
    private static readonly byte[] Gx = Convert.FromHexString("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296");
    private static readonly byte[] Gy = Convert.FromHexString("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5");
    private static readonly byte[] P = Convert.FromHexString("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");

    [Fact]
    public void Matches_the_platform_on_random_keys()
    {
        for (var i = 0; i < 64; i++)
        {
            using var platform = TestKeys.NewP256();
            var parameters = platform.ExportParameters(true);

            P256PublicKeyDerivation.Derive(parameters.D!, out var x, out var y);

            Assert.Equal(parameters.Q.X, x);
            Assert.Equal(parameters.Q.Y, y);
        }
    }

    [Fact]
    public void Gives_the_RFC7515_A3_public_key()
    {
        P256PublicKeyDerivation.Derive(TestKeys.FromBase64Url(TestKeys.A3D), out var x, out var y);

        Assert.Equal(TestKeys.A3X, TestKeys.ToBase64Url(x));
        Assert.Equal(TestKeys.A3Y, TestKeys.ToBase64Url(y));
    }

    [Fact]
    public void Handles_the_extreme_scalars_one_and_order_minus_one()
    {
        var one = new byte[32];
        one[31] = 1;
        var orderMinusOne = (byte[])Order.Clone();
        orderMinusOne[31]--;

        P256PublicKeyDerivation.Derive(one, out var x1, out var y1);
        P256PublicKeyDerivation.Derive(orderMinusOne, out var x2, out var y2);

        Assert.Equal(Gx, x1);
        Assert.Equal(Gy, y1);
        Assert.Equal(Gx, x2);
        Assert.Equal(Subtract(P, Gy), y2);
    }

    [Fact]
    public void Managed_import_route_signs_verifiably()
    {
        using var platform = TestKeys.NewP256();
        var d = platform.ExportParameters(true).D!;

        using var ecdsa = P256KeyFactory.ImportWithManagedDerivation(d);
        var data = new byte[] { 42 };

        Assert.True(platform.VerifyData(data, ecdsa.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
    }

    private static byte[] Subtract(byte[] a, byte[] b)
    {
        var result = new byte[a.Length];
        var borrow = 0;
        for (var i = a.Length - 1; i >= 0; i--)
        {
            var value = a[i] - b[i] - borrow;
            borrow = value < 0 ? 1 : 0;
            result[i] = (byte)(value + (borrow * 256));
        }

        return result;
    }
}
