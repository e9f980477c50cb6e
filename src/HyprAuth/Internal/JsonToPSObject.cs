using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;

namespace HyprAuth.Internal
{
    /// <summary>
    /// JSON to PowerShell objects, the way Invoke-RestMethod hands them out: objects become PSCustomObjects,
    /// arrays object[], integers Int64 (decimal when larger), other numbers Double. Strings stay strings.
    /// </summary>
    internal static class JsonToPSObject
    {
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
                    if (element.TryGetInt64(out long integer))
                    {
                        return integer;
                    }

                    return element.TryGetDecimal(out decimal exact) && decimal.Truncate(exact) == exact ? exact : (object)element.GetDouble();
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
