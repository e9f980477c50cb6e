using System;
using System.Globalization;

namespace HyprAuth.Core.Exchange;

/// <summary>A duration as messages give it: whole seconds, never negative, the same in every culture.</summary>
internal static class WholeSeconds
{
    public static string Of(TimeSpan span) => Of(span.TotalSeconds);

    public static string Of(double seconds) => Math.Max(0, seconds).ToString("0", CultureInfo.InvariantCulture);
}
