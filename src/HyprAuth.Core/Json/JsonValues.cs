using System.Collections.Generic;
using System.Text.Json;

namespace HyprAuth.Core.Json;

/// <summary>Turns a parsed JSON object into plain values (string, long, double, bool, null, object?[], nested maps) for display and
/// checks.</summary>
internal static class JsonValues
{
    /// <summary>False when <paramref name="element"/> is not an object or any object in it repeats a member name (RFC 7515 §5.2 lets us refuse
    /// those).</summary>
    public static bool TryReadObject(JsonElement element, out OrderedMap<object?> map)
    {
        map = new OrderedMap<object?>(new KeyValuePair<string, object?>[0]);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var members = new List<KeyValuePair<string, object?>>();
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Add(property.Name) || !TryReadValue(property.Value, out var value))
            {
                return false;
            }

            members.Add(new KeyValuePair<string, object?>(property.Name, value));
        }

        map = new OrderedMap<object?>(members.ToArray());
        return true;
    }

    private static bool TryReadValue(JsonElement element, out object? value)
    {
        value = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                value = element.GetString();
                return true;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var integer))
                {
                    value = integer;
                    return true;
                }

                var isDouble = element.TryGetDouble(out var real);
                value = real;
                return isDouble;
            case JsonValueKind.True:
            case JsonValueKind.False:
                value = element.GetBoolean();
                return true;
            case JsonValueKind.Array:
                var items = new List<object?>();
                foreach (var item in element.EnumerateArray())
                {
                    if (!TryReadValue(item, out var itemValue))
                    {
                        return false;
                    }

                    items.Add(itemValue);
                }

                value = items.ToArray();
                return true;
            case JsonValueKind.Object:
                var readable = TryReadObject(element, out var map);
                value = map;
                return readable;
            default:
                return true;
        }
    }
}
