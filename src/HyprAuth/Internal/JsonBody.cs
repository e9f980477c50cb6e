using System.Collections;
using System.Globalization;
using System.IO;
using System.Security;
using System.Text;
using System.Text.Json;
using HyprAuth.Core.Errors;

namespace HyprAuth.Internal;

/// <summary>
/// -Body to JSON: hashtables and dictionaries, PSCustomObjects and other objects' gettable properties, lists,
/// and scalars. Unlike ConvertTo-Json it never truncates silently: a cycle, too deep a graph, or a value that
/// has no JSON meaning (a script block, a stream, a SecureString) is an error that names the path to it.
/// </summary>
internal static class JsonBody
{
    private const int MaximumDepth = 64;

    internal static byte[] Serialize(object body)
    {
        using var buffer = new MemoryStream();
        using var writer = new Utf8JsonWriter(buffer);
        Write(writer, body, "$", 0);
        writer.Flush();
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, object? value, string path, int depth)
    {
        if (depth > MaximumDepth)
        {
            throw Refuse(path, "it is nested more than " + MaximumDepth + " levels deep (a cycle?)");
        }

        object? raw = value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
        switch (raw)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string or char or Enum or Guid:
                writer.WriteStringValue(raw.ToString());
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case DateTime or DateTimeOffset:
                writer.WriteStringValue(((IFormattable)raw).ToString("o", CultureInfo.InvariantCulture));
                return;
            case Uri uri:
                writer.WriteStringValue(uri.OriginalString);
                return;
            case TimeSpan timeSpan:
                writer.WriteStringValue(timeSpan.ToString("c", CultureInfo.InvariantCulture));
                return;
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                WriteNumber(writer, (IConvertible)raw, path);
                return;
            case ScriptBlock or Delegate or Stream or SecureString or IntPtr or PSCredential:
                throw Refuse(path, "a " + raw.GetType().Name + " has no JSON form");
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    string name = System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    writer.WritePropertyName(name);
                    Write(writer, entry.Value, path + "." + name, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case IEnumerable sequence:
                writer.WriteStartArray();
                int index = 0;
                foreach (object? item in sequence)
                {
                    Write(writer, item, path + "[" + index++ + "]", depth + 1);
                }

                writer.WriteEndArray();
                return;
            default:
                writer.WriteStartObject();
                foreach (PSPropertyInfo property in PSObject.AsPSObject(raw).Properties)
                {
                    if (property.IsGettable)
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value, path + "." + property.Name, depth + 1);
                    }
                }

                writer.WriteEndObject();
                return;
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, IConvertible number, string path)
    {
        switch (number)
        {
            case double d when double.IsNaN(d) || double.IsInfinity(d):
            case float f when float.IsNaN(f) || float.IsInfinity(f):
                throw Refuse(path, "NaN and infinity have no JSON form");
            case ulong unsigned:
                writer.WriteNumberValue(unsigned);
                return;
            case decimal exact:
                writer.WriteNumberValue(exact);
                return;
            case double or float:
                writer.WriteNumberValue(number.ToDouble(CultureInfo.InvariantCulture));
                return;
            default:
                writer.WriteNumberValue(number.ToInt64(CultureInfo.InvariantCulture));
                return;
        }
    }

    private static HyprArgumentException Refuse(string path, string why) =>
        new HyprArgumentException("Body", "-Body cannot be sent as JSON: the value at " + path + " cannot be serialized: " + why + ".");
}
