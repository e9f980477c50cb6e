using System;
using System.Globalization;
using System.Numerics;
using Point = (System.Numerics.BigInteger X, System.Numerics.BigInteger Y, System.Numerics.BigInteger Z);

namespace HyprAuth.Core.Keys;

/// <summary>
/// Q = d·G on P-256 in managed code, for runtimes that cannot derive the public key from d alone
/// (.NET Framework's ECDsaCng requires Q in ImportParameters; HYPR's Client key carries no Q).
/// Chosen over CngKey.Import(Pkcs8PrivateBlob) because it runs, and is tested against the platform, on every OS.
/// A Montgomery ladder over all 256 bits with the complete projective addition formulas for a = -3
/// (Renes, Costello, Batina 2016, Algorithm 4): the same operations whatever d is, no special cases for the
/// point at infinity. BigInteger is not constant-time; this runs once per import, on the user's own machine.
/// </summary>
internal static class P256PublicKeyDerivation
{
    private static readonly BigInteger P = Hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
    private static readonly BigInteger B = Hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");
    private static readonly BigInteger Gx = Hex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
    private static readonly BigInteger Gy = Hex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");

    /// <summary>Derives the affine public point of the 32-byte big-endian scalar <paramref name="d"/> (1 ≤ d &lt; n).</summary>
    public static void Derive(byte[] d, out byte[] x, out byte[] y)
    {
        Point r0 = (BigInteger.Zero, BigInteger.One, BigInteger.Zero);
        Point r1 = (Gx, Gy, BigInteger.One);
        for (var bit = (P256.Size * 8) - 1; bit >= 0; bit--)
        {
            // Swapping in and out turns "r0 = r0 + r1, r1 = 2·r1" for a set bit into the same two steps as a clear bit.
            var set = ((d[P256.Size - 1 - (bit >> 3)] >> (bit & 7)) & 1) == 1;
            if (set)
            {
                (r0, r1) = (r1, r0);
            }

            r1 = Add(r0, r1);
            r0 = Add(r0, r0);
            if (set)
            {
                (r0, r1) = (r1, r0);
            }
        }

        var zInverse = BigInteger.ModPow(r0.Z, P - 2, P);
        x = ToBytes(Mod(r0.X * zInverse));
        y = ToBytes(Mod(r0.Y * zInverse));
    }

    /// <summary>Complete addition for y² = x³ - 3x + b in projective coordinates; also doubles (a = b) and handles infinity.</summary>
    private static Point Add(Point p, Point q)
    {
        var t0 = Mod(p.X * q.X);
        var t1 = Mod(p.Y * q.Y);
        var t2 = Mod(p.Z * q.Z);
        var t3 = Mod((p.X + p.Y) * (q.X + q.Y));
        var t4 = Mod(t0 + t1);
        t3 = Mod(t3 - t4);
        t4 = Mod((p.Y + p.Z) * (q.Y + q.Z));
        var x3 = Mod(t1 + t2);
        t4 = Mod(t4 - x3);
        x3 = Mod((p.X + p.Z) * (q.X + q.Z));
        var y3 = Mod(t0 + t2);
        y3 = Mod(x3 - y3);
        var z3 = Mod(B * t2);
        x3 = Mod(y3 - z3);
        z3 = Mod(x3 + x3);
        x3 = Mod(x3 + z3);
        z3 = Mod(t1 - x3);
        x3 = Mod(t1 + x3);
        y3 = Mod(B * y3);
        t1 = Mod(t2 + t2);
        t2 = Mod(t1 + t2);
        y3 = Mod(y3 - t2);
        y3 = Mod(y3 - t0);
        t1 = Mod(y3 + y3);
        y3 = Mod(t1 + y3);
        t1 = Mod(t0 + t0);
        t0 = Mod(t1 + t0);
        t0 = Mod(t0 - t2);
        t1 = Mod(t4 * y3);
        t2 = Mod(t0 * y3);
        y3 = Mod(x3 * z3);
        y3 = Mod(y3 + t2);
        x3 = Mod(t3 * x3);
        x3 = Mod(x3 - t1);
        z3 = Mod(t4 * z3);
        t1 = Mod(t3 * t0);
        z3 = Mod(z3 + t1);
        return (x3, y3, z3);
    }

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }

    private static BigInteger Hex(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static byte[] ToBytes(BigInteger value)
    {
        // Little-endian, with a sign byte past the 32 or fewer than 32 bytes: cut or padded to 32, then big-endian.
        var bytes = value.ToByteArray();
        Array.Resize(ref bytes, P256.Size);
        Array.Reverse(bytes);
        return bytes;
    }
}
