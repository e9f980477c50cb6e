using System.Text;

namespace HyprAuth.Core.Json;

/// <summary>Writes JSON string literals for the few fixed-shape objects the engine composes by hand (JWS header, claims, JWK).</summary>
internal static class JsonText
{
    private const string HexDigits = "0123456789abcdef";

    /// <summary>Appends <paramref name="value"/> as a quoted JSON string, escaping quote, backslash and control characters (RFC 8259
    /// §7).</summary>
    public static StringBuilder AppendString(this StringBuilder builder, string value)
    {
        builder.Append('"');
        var clean = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (ch >= 0x20 && ch != '"' && ch != '\\')
            {
                continue;
            }

            builder.Append(value, clean, i - clean);
            clean = i + 1;
            switch (ch)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default: builder.Append("\\u00").Append(HexDigits[ch >> 4]).Append(HexDigits[ch & 15]); break;
            }
        }

        return builder.Append(value, clean, value.Length - clean).Append('"');
    }

    /// <summary>Appends <c>"name":"value"</c>; names are the engine's own constants and need no escaping.</summary>
    public static StringBuilder AppendMember(this StringBuilder builder, string name, string value) =>
        builder.Append('"').Append(name).Append("\":").AppendString(value);
}
