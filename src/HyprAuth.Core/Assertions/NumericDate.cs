using System;
using System.Globalization;

namespace HyprAuth.Core.Assertions;

/// <summary>JWT NumericDate (RFC 7519 §2): seconds since 1970, possibly fractional; limited to what DateTimeOffset can show.</summary>
internal static class NumericDate
{
    private const long Earliest = -62135596800;
    private const long Latest = 253402300799;

    public static bool TryRead(object? value, out long seconds)
    {
        seconds = value is long integer ? integer
            : value is double real && real >= Earliest && real <= Latest ? (long)Math.Floor(real)
            : long.MinValue;
        return seconds >= Earliest && seconds <= Latest;
    }

    public static string Show(long seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("u", CultureInfo.InvariantCulture);
}
