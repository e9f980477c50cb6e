using System.Globalization;
using HyprAuth.Core.Errors;

namespace HyprAuth.Internal;

/// <summary>-ExpiresAt takes a DateTime, a DateTimeOffset, or Unix seconds as JWTCreator's -exp does.</summary>
internal static class ExpiryConverter
{
    internal static DateTimeOffset? Convert(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        null => null,
        DateTimeOffset offset => offset,

        // Get-Date gives local time; an unspecified kind is read as local too, as PowerShell users expect.
        DateTime dateTime => new DateTimeOffset(dateTime.Kind == DateTimeKind.Utc ? dateTime : dateTime.ToUniversalTime(), TimeSpan.Zero),
        int seconds => FromUnixSeconds(seconds),
        long seconds => FromUnixSeconds(seconds),
        double seconds when !double.IsNaN(seconds) && !double.IsInfinity(seconds) => FromUnixSeconds((long)seconds),
        decimal seconds => FromUnixSeconds((long)seconds),
        string text when long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds) =>
            FromUnixSeconds(seconds),
        string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
            out DateTimeOffset parsed) => parsed,
        object raw => throw new HyprArgumentException("ExpiresAt",
            "-ExpiresAt takes a DateTime, a DateTimeOffset or Unix seconds (as JWTCreator's -exp); '" + raw + "' is none of these."),
    };

    private static DateTimeOffset FromUnixSeconds(long seconds)
    {
        // DateTimeOffset's range: 0001-01-01 to 9999-12-31.
        if (seconds < -62135596800L || seconds > 253402300799L)
        {
            throw new HyprArgumentException("ExpiresAt", "-ExpiresAt " + seconds.ToString(CultureInfo.InvariantCulture)
                + " is not a usable time in Unix seconds.");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
