using System;
using System.Linq;
using System.Security.Cryptography;
using Xunit;

namespace HyprAuth.Core.Tests.TestSupport;

/// <summary>
/// The one set of test keys and the one PKCS#8 builder of the engine's tests, with independent base64url and JWK
/// helpers (none of them uses the engine's own encoders).
/// </summary>
internal static class TestKeys
{
    /// <summary>The example "Client key" of HYPR's documentation (PKCS#8 without a public key).</summary>
    public const string SeedClientKey = "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCCRAVkCsog/IXLcUxrMrlaijsSQhzZTEZzagSivhmpw5A==";

    /// <summary>
    /// RFC 7515 Appendix A.3.1, the ES256 example key, as printed in the RFC (y starts "x_FEzRu9"; a y starting
    /// "x_FEzRjm" seen in a brief is not the RFC's and does not belong to this d).
    /// </summary>
    public const string A3D = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
    public const string A3X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    public const string A3Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

    /// <summary>RFC 7515 Appendix A.3.1: the example's signing input and signature.</summary>
    public const string A3SigningInput = "eyJhbGciOiJFUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    public const string A3Signature = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    public static string A3Jwk => $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{A3X}\",\"y\":\"{A3Y}\",\"d\":\"{A3D}\"}}";

    public static string A3PublicJwk => $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{A3X}\",\"y\":\"{A3Y}\"}}";

    /// <summary>PKCS#8 PrivateKeyInfo carrying d alone, exactly the shape of HYPR's Client key (RFC 5208 + RFC 5915, no publicKey).</summary>
    public static byte[] Pkcs8FromD(byte[] d)
    {
        Assert.Equal(32, d.Length);
        var prefix = Convert.FromHexString("3041020100301306072A8648CE3D020106082A8648CE3D030107042730250201010420");
        return prefix.Concat(d).ToArray();
    }

    public static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    public static string ToBase64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static ECDsa NewP256() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A .NET ECDsa holding only the public point: the independent verifier.</summary>
    public static ECDsa PublicEcdsa(byte[] x, byte[] y) =>
        ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });

    /// <summary>The public JWK the engine should produce for <paramref name="ecdsa"/>.</summary>
    public static string ExpectedPublicJwk(ECDsa ecdsa)
    {
        var q = ecdsa.ExportParameters(false).Q;
        return $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{ToBase64Url(q.X!)}\",\"y\":\"{ToBase64Url(q.Y!)}\"}}";
    }

    /// <summary>
    /// Fails when any 12-character run of the key text (PEM armour lines and whitespace removed) appears in the message or
    /// the exception's full text.
    /// </summary>
    public static void AssertNoKeyText(Exception exception, string keyText)
    {
        var lines = keyText.Split('\n').Where(line => !line.TrimStart().StartsWith("-----", StringComparison.Ordinal));
        var secret = new string(string.Concat(lines).Where(ch => !char.IsWhiteSpace(ch)).ToArray());
        const int Window = 12;
        var texts = new[] { exception.Message, exception.ToString() };
        for (var i = 0; i + Window <= secret.Length; i++)
        {
            var piece = secret.Substring(i, Window);
            foreach (var text in texts)
            {
                Assert.False(text.Contains(piece, StringComparison.Ordinal), $"Key text '{piece}' leaked into: {exception.Message}");
            }
        }
    }
}
