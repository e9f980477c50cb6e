using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace HyprAuth.Core.Json;

/// <summary>Turns a parsed JSON object into plain values (string, long, double, bool, null, object?[], nested maps) for display and
/// checks.</summary>
internal static class JsonValues
{
    /// <summary>Throws JsonException when <paramref name="element"/> is not an object, when any object in it repeats a member name
    /// (RFC 7515 §5.2 lets us refuse those) or when a number does not read as a double.</summary>
    public static OrderedMap<object?> ReadObject(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("Not a JSON object.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        return new OrderedMap<object?>(element.EnumerateObject()
            .Select(property => names.Add(property.Name)
                ? new KeyValuePair<string, object?>(property.Name, ReadValue(property.Value))
                : throw new JsonException("A repeated member name."))
            .ToArray());
    }

    private static object? ReadValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => element.TryGetDouble(out var real) ? real : throw new JsonException("A number that is no double."),
        JsonValueKind.True or JsonValueKind.False => element.GetBoolean(),
        JsonValueKind.Array => element.EnumerateArray().Select(ReadValue).ToArray(),
        JsonValueKind.Object => ReadObject(element),
        _ => null,
    };
}
