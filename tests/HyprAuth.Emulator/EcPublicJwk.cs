using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace HyprAuth.Emulator;

/// <summary>A client's P-256 public key as a JWK (RFC 7517), the form the registry file stores.</summary>
public sealed record EcPublicJwk
{
    [JsonPropertyName("kty")] public required string Kty { get; init; }
    [JsonPropertyName("crv")] public required string Crv { get; init; }
    [JsonPropertyName("kid")] public required string Kid { get; init; }
    [JsonPropertyName("x")] public required string X { get; init; }
    [JsonPropertyName("y")] public required string Y { get; init; }
    [JsonPropertyName("alg")] public string? Alg { get; init; }
    [JsonPropertyName("use")] public string? Use { get; init; }

    public static EcPublicJwk FromKey(ECDsa key, string kid)
    {
        ECPoint q = key.ExportParameters(includePrivateParameters: false).Q;
        return new EcPublicJwk
        {
            Kty = "EC",
            Crv = "P-256",
            Kid = kid,
            X = Base64Url.EncodeToString(q.X!),
            Y = Base64Url.EncodeToString(q.Y!),
            Alg = "ES256",
            Use = "sig",
        };
    }

    public ECDsa CreateVerifier()
    {
        if (Kty != "EC" || Crv != "P-256")
        {
            throw new InvalidOperationException($"Key {Kid} is not an EC P-256 key.");
        }

        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(X), Y = Base64Url.DecodeFromChars(Y) },
        });
    }
}
