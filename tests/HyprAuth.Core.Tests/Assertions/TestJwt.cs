using System;
using System.Text;
using System.Text.Json;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;

namespace HyprAuth.Core.Tests.Assertions;

/// <summary>Builds and takes apart compact JWTs without the engine's own encoders.</summary>
internal static class TestJwt
{
    public static string Segment(string json) => Encode(Encoding.UTF8.GetBytes(json));

    public static string Encode(byte[] data) => TestKeys.ToBase64Url(data);

    public static byte[] Decode(string segment) => TestKeys.FromBase64Url(segment);

    public static string Json(string segment) => Encoding.UTF8.GetString(Decode(segment));

    public static JsonDocument Parse(string segment) => JsonDocument.Parse(Decode(segment));

    /// <summary>Signs arbitrary header and claims JSON, for assertions the factory would never write.</summary>
    public static string Sign(HyprSigningKey key, string headerJson, string claimsJson)
    {
        var input = Segment(headerJson) + "." + Segment(claimsJson);
        return input + "." + Encode(key.Sign(Encoding.ASCII.GetBytes(input)));
    }
}
