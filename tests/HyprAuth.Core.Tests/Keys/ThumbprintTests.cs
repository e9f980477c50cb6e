using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Keys;

public sealed class ThumbprintTests
{
    [Fact]
    public void Thumbprint_is_the_RFC7638_hash_of_the_required_members_in_lexicographic_order()
    {
        for (var i = 0; i < 20; i++)
        {
            using var platform = TestKeys.NewP256();
            using var key = HyprSigningKey.Import(Convert(platform));
            var q = platform.ExportParameters(false).Q;

            // Built with System.Text.Json from a sorted dictionary: independent of the engine's hand-written JSON.
            var members = new SortedDictionary<string, string>(System.StringComparer.Ordinal)
            {
                ["y"] = TestKeys.ToBase64Url(q.Y!),
                ["x"] = TestKeys.ToBase64Url(q.X!),
                ["kty"] = "EC",
                ["crv"] = "P-256",
            };
            var expected = TestKeys.ToBase64Url(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(members))));

            Assert.Equal(expected, key.Thumbprint);
        }
    }

    [Fact]
    public void Rfc7515_A3_key_has_its_published_thumbprint()
    {
        using var key = HyprSigningKey.Import(TestKeys.A3Jwk);

        Assert.Equal("oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U", key.Thumbprint);
    }

    [Fact]
    public void Thumbprint_of_the_RFC7638_section_3_1_RSA_example_is_the_published_one()
    {
        var rsa = new Microsoft.IdentityModel.Tokens.JsonWebKey
        {
            Kty = "RSA",
            E = "AQAB",
            N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W"
                + "-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91"
                + "CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
        };

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", P256PublicKey.ThumbprintOf(rsa));
    }

    [Fact]
    public void Public_jwk_has_exactly_kty_crv_x_y()
    {
        using var key = HyprSigningKey.Import(TestKeys.A3Jwk);
        using var document = JsonDocument.Parse(key.PublicJwk);

        var names = new List<string>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            names.Add(property.Name);
        }

        Assert.Equal(new[] { "kty", "crv", "x", "y" }, names);
        Assert.Equal(TestKeys.A3X, document.RootElement.GetProperty("x").GetString());
        Assert.Equal(TestKeys.A3Y, document.RootElement.GetProperty("y").GetString());
    }

    private static string Convert(ECDsa platform) => System.Convert.ToBase64String(platform.ExportPkcs8PrivateKey());
}
