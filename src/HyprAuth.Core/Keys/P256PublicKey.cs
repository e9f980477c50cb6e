using Microsoft.IdentityModel.Tokens;

namespace HyprAuth.Core.Keys;

/// <summary>A P-256 public point with its JWK form and RFC 7638 thumbprint, shared by signing and verification keys.</summary>
internal sealed class P256PublicKey
{
    public P256PublicKey(byte[] x, byte[] y)
    {
        X = x;
        Y = y;
        var encodedX = Base64UrlEncoder.Encode(x);
        var encodedY = Base64UrlEncoder.Encode(y);
        Jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + encodedX + "\",\"y\":\"" + encodedY + "\"}";
        Thumbprint = ThumbprintOf(new JsonWebKey { Kty = "EC", Crv = "P-256", X = encodedX, Y = encodedY });
    }

    public byte[] X { get; }

    public byte[] Y { get; }

    /// <summary>Written by hand: JsonWebKey's serializer would add members and change their order.</summary>
    public string Jwk { get; }

    public string Thumbprint { get; }

    /// <summary>RFC 7638: SHA-256 of the required members in lexicographic order, base64url.</summary>
    internal static string ThumbprintOf(JsonWebKey jwk) => Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
}
