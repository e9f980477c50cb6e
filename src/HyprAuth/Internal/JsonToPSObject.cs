using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Numerics;
using System.Text.Json;

namespace HyprAuth.Internal
{
    /// <summary>
    /// JSON to PowerShell objects, the way Invoke-RestMethod hands them out: objects become PSCustomObjects,
    /// arrays object[], integers Int64 (BigInteger when larger), numbers with a fraction or exponent Double. Strings stay strings.
    /// </summary>
    internal static class JsonToPSObject
    {
        private static readonly char[] FractionOrExponent = { '.', 'e', 'E' };

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

        internal static object? Convert(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new PSObject();
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        // A repeated name keeps its last value, as most JSON readers do.
                        result.Properties.Remove(property.Name);
                        result.Properties.Add(new PSNoteProperty(property.Name, Convert(property.Value)));
                    }

                    return result;
                case JsonValueKind.Array:
                    var items = new List<object?>(element.GetArrayLength());
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        items.Add(Convert(item));
                    }

                    return items.ToArray();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return Number(element);
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
