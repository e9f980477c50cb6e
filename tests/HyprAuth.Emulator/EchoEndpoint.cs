using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HyprAuth.Emulator;

/// <summary>ANY /rp/api/echo[/…]: shows a client exactly what it sent, except credentials.</summary>
internal static class EchoEndpoint
{
    public const string Path = "/rp/api/echo";

    public static async Task HandleAsync(HttpContext context, EmulatorState state)
    {
        if (await ApiAccess.AuthorizeAsync(context, state, rpAppId: null, needsReportScope: false, cost: 1) is null)
        {
            return;
        }

        HttpRequest request = context.Request;
        using StreamReader reader = new(request.Body, Encoding.UTF8);
        string body = await reader.ReadToEndAsync(context.RequestAborted);

        using Utf8JsonWriter writer = EmulatorJson.StartJsonResponse(context.Response);
        writer.WriteStartObject();
        writer.WriteString("method", request.Method);
        writer.WriteString("path", request.Path.Value);
        writer.WriteStartObject("query");
        foreach (KeyValuePair<string, StringValues> parameter in request.Query)
        {
            writer.WriteStartArray(parameter.Key);
            foreach (string? value in parameter.Value)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("headers");
        foreach (KeyValuePair<string, StringValues> header in request.Headers)
        {
            // Lower-case names: HTTP names are case-insensitive and tests look them up by one spelling.
            string name = header.Key.ToLowerInvariant();
            writer.WriteString(name, IsCredential(name) ? Redact(header.Value.ToString()) : header.Value.ToString());
        }

        writer.WriteEndObject();
        writer.WriteString("contentType", request.ContentType);
        writer.WriteString("body", body);
        writer.WriteEndObject();
    }

    private static bool IsCredential(string name) => name is "authorization" or "proxy-authorization";

    /// <summary>Keeps only a plausible scheme name, so a value without a scheme is never echoed either.</summary>
    private static string Redact(string value)
    {
        int space = value.IndexOf(' ');
        string scheme = space > 0 ? value[..space] : string.Empty;
        return scheme.Length is > 0 and <= 16 && scheme.All(char.IsAsciiLetter)
            ? $"<redacted: {scheme}>"
            : "<redacted>";
    }
}
