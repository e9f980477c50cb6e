using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace HyprAuth.Emulator;

/// <summary>Source-generated JSON (camelCase, nulls omitted): no reflection, so start-up and first requests stay fast.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegistryFile))]
[JsonSerializable(typeof(ClientSpec))]
[JsonSerializable(typeof(RegisteredClient))]
[JsonSerializable(typeof(FaultSpec))]
[JsonSerializable(typeof(SettingsPatch))]
[JsonSerializable(typeof(EmulatorSettings))]
[JsonSerializable(typeof(CountersSnapshot))]
[JsonSerializable(typeof(LastRequestInfo))]
[JsonSerializable(typeof(HyprError))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(FetchRequest))]
[JsonSerializable(typeof(RevokeRequest))]
[JsonSerializable(typeof(ClockRequest))]
[JsonSerializable(typeof(ControlReply))]
[JsonSerializable(typeof(AuditAppendRequest))]
[JsonSerializable(typeof(AuditAppendReply))]
public sealed partial class EmulatorJson : JsonSerializerContext
{
    private static EmulatorJson? indented;

    /// <summary>For the registry file, which people read and edit.</summary>
    public static EmulatorJson Indented => indented ??= new(new JsonSerializerOptions(Default.Options) { WriteIndented = true });

    /// <summary>Raw UTF-8 for non-ASCII text, so clients are tested on real multi-byte characters.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Sets the JSON content type and returns a writer straight onto the response body.</summary>
    internal static Utf8JsonWriter StartJsonResponse(HttpResponse response)
    {
        response.ContentType = "application/json; charset=utf-8";
        return new Utf8JsonWriter(response.BodyWriter, WriterOptions);
    }
}
