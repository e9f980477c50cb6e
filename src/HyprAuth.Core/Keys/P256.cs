using System;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys;

/// <summary>Sizes and limits of NIST P-256 (FIPS 186-4 D.1.2.3) that decoding needs.</summary>
internal static class P256
{
    /// <summary>Bytes in a coordinate or a private scalar.</summary>
    public const int Size = 32;

    /// <summary>The group order n, big-endian: a private key is in [1, n-1].</summary>
    private static readonly byte[] Order =
    {
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
    };

    /// <summary>
    /// Copies a big-endian private scalar into a new 32-byte array (left-padded: some encoders drop leading zeros)
    /// after checking it is a valid P-256 private key. The caller clears the result.
    /// </summary>
    public static byte[] ToScalar(ReadOnlySpan<byte> value, string subject)
    {
        var significant = value.Slice(LeadingZeros(value));
        if (!TryPad(significant, out var scalar))
        {
            throw new HyprKeyException(
                KeyErrorReason.MalformedKey,
                $"The {subject} has a private key of {significant.Length} bytes; a P-256 private key has at most {Size}.");
        }

        if (significant.IsEmpty || scalar.AsSpan().SequenceCompareTo(Order) >= 0)
        {
            Array.Clear(scalar, 0, scalar.Length);
            throw new HyprKeyException(
                KeyErrorReason.MalformedKey,
                $"The {subject} has a private key outside the valid range for P-256 (zero, or not below the group order).");
        }

        return scalar;
    }

    /// <summary>Left-pads a big-endian coordinate to 32 bytes; false when it is longer.</summary>
    public static bool TryPad(ReadOnlySpan<byte> value, out byte[] padded)
    {
        var significant = value.Slice(LeadingZeros(value));
        padded = new byte[Size];
        if (significant.Length > Size)
        {
            return false;
        }

        significant.CopyTo(padded.AsSpan(Size - significant.Length));
        return true;
    }

    private static int LeadingZeros(ReadOnlySpan<byte> value)
    {
        var count = 0;
        while (count < value.Length && value[count] == 0)
        {
            count++;
        }

        return count;
    }
}
