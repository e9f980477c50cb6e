using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HyprAuth.Internal;

/// <summary>
/// JSON to PowerShell objects, the way Invoke-RestMethod on PowerShell 7 hands them out: objects become
/// PSCustomObjects, arrays object[], integers Int64 (BigInteger when larger), numbers with a fraction or exponent
/// Double, ISO 8601 date-times DateTime (unless kept as strings); other strings stay strings.
/// </summary>
internal static class JsonToPSObject
{
    private static readonly char[] FractionOrExponent = { '.', 'e', 'E' };

    /// <summary>The date-times ConvertFrom-Json turns into DateTime: a date alone stays a string.</summary>
    private static readonly Regex IsoDateTime = new Regex(
        @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    /// <summary>As ConvertFrom-Json: 'Z' gives a UTC DateTime, an offset a local one, neither an unspecified one.</summary>
    private static object? Text(string? text, bool convertDates) =>
        convertDates && text is not null && IsoDateTime.IsMatch(text)
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTime value)
            ? value
            : text;

    /// <summary>One type per kind of literal, not per value: a field holding 2.0 and 2.5 is Double both times.</summary>
    private static object Number(JsonElement element)
    {
        string raw = element.GetRawText();
        if (raw.IndexOfAny(FractionOrExponent) >= 0)
        {
            return element.GetDouble();
        }

        if (element.TryGetInt64(out long integer))
        {
            return integer;
        }

        // An integer beyond Int64, as ConvertFrom-Json gives it.
        return BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    internal static object? Convert(JsonElement element, bool convertDates) => element.ValueKind switch
    {
        JsonValueKind.Object => ToPSObject(element, convertDates),
        JsonValueKind.Array => element.EnumerateArray().Select(item => Convert(item, convertDates)).ToArray(),
        JsonValueKind.String => Text(element.GetString(), convertDates),
        JsonValueKind.Number => Number(element),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static PSObject ToPSObject(JsonElement element, bool convertDates)
    {
        var result = new PSObject();
        foreach (JsonProperty property in element.EnumerateObject())
        {
            // A repeated name keeps its last value, as most JSON readers do.
            result.Properties.Remove(property.Name);
            result.Properties.Add(new PSNoteProperty(property.Name, Convert(property.Value, convertDates)));
        }

        return result;
    }
}
