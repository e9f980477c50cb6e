using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HyprAuth.Emulator;

namespace HyprAuth.Emulator.Tests;

/// <summary>Builds and signs client assertions independently of the emulator, so tests can bend every part of them.</summary>
internal static class TestJwt
{
    public static JsonObject Header(string kid) => new() { ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = kid };

    public static JsonObject Payload(string clientId, long now, long lifetimeSeconds = 300) => new()
    {
        ["iss"] = "https://hypr.com",
        ["sub"] = clientId,
        ["aud"] = "https://hypr.com",
        ["jti"] = Guid.NewGuid().ToString(),
        ["exp"] = now + lifetimeSeconds,
        ["iat"] = now,
        ["nbf"] = now,
    };

    /// <summary>A valid assertion for the client at the given emulator time, after an optional tweak of header and payload.</summary>
    public static string Create(RegisteredClient client, long now, Action<JsonObject, JsonObject>? tweak = null)
    {
        JsonObject header = Header(client.KeyId);
        JsonObject payload = Payload(client.ClientId, now);
        tweak?.Invoke(header, payload);
        return Sign(client.ClientKey, header.ToJsonString(), payload.ToJsonString());
    }

    public static string Sign(string clientKey, string headerJson, string payloadJson)
    {
        string signingInput = Encode(headerJson) + "." + Encode(payloadJson);
        using ECDsa key = ImportClientKey(clientKey);
        byte[] signature =
            key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public static ECDsa ImportClientKey(string clientKey)
    {
        ECDsa key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(clientKey), out _);
        return key;
    }

    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
