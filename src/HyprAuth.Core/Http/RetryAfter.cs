using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace HyprAuth.Core.Http;

/// <summary>A response's Retry-After header, read as delta-seconds or an HTTP-date.</summary>
/// <param name="delay">The wait asked for; null when absent or unparsable.</param>
/// <param name="present">The header was there, parsable or not.</param>
internal readonly struct RetryAfter(TimeSpan? delay, bool present)
{
    // RFC 9110's IMF-fixdate and the two obsolete forms it still asks recipients to accept; nothing looser ("1.5" is no date).
    private static readonly string[] HttpDateFormats = ["r", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy"];

    public TimeSpan? Delay { get; } = delay;

    public bool Present { get; } = present;

    public bool Unparsable => Present && !Delay.HasValue;

    /// <summary>When the server asks to be called again, measured from <paramref name="localNow"/>; null without a Retry-After.</summary>
    public DateTimeOffset? From(DateTimeOffset localNow) =>
        Delay is TimeSpan delay && delay < DateTimeOffset.MaxValue - localNow ? localNow + delay : (DateTimeOffset?)null;

    /// <param name="localNow">Used when the response has no Date header to measure an HTTP-date against.</param>
    public static RetryAfter Read(HttpResponseMessage response, DateTimeOffset localNow)
    {
        if (!response.Headers.TryGetValues("Retry-After", out var values))
        {
            return default;
        }

        var text = values.FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new RetryAfter(null, true);
        }

        if (text!.All(c => c >= '0' && c <= '9'))
        {
            // Digits beyond a long's range still mean "very long"; the policy caps it.
            var seconds = decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : decimal.MaxValue;
            return new RetryAfter(TimeSpan.FromSeconds((double)Math.Min(seconds, (decimal)TimeSpan.MaxValue.TotalSeconds / 2)), true);
        }

        if (DateTimeOffset.TryParseExact(text, HttpDateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var date))
        {
            // Measured against the server's own Date, so a skewed local clock does not distort it.
            var reference = response.Headers.Date ?? localNow;
            var delay = date - reference;
            return new RetryAfter(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, true);
        }

        return new RetryAfter(null, true);
    }
}
