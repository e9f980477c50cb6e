using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Security.Cryptography;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Emulator.Tests;

public sealed class ClientKeyTests
{
    /// <summary>The Client key from HYPR's documentation (a sample key, not a secret).</summary>
    private const string SeedClientKey = "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCCRAVkCsog/IXLcUxrMrlaijsSQhzZTEZzagSivhmpw5A==";

    private const string ExpectedShape = "SEQ(INT 0,SEQ(OID 1.2.840.10045.2.1,OID 1.2.840.10045.3.1.7),OCT(SEQ(INT 1,OCT[32])))";

    [Fact]
    public void SeedKeyIsPkcs8WithoutPublicKey()
    {
        byte[] der = Convert.FromBase64String(SeedClientKey);

        Assert.Equal(67, der.Length);
        Assert.Equal(ExpectedShape, Describe(new AsnReader(der, AsnEncodingRules.DER)));
    }

    [Fact]
    public void GeneratedClientKeyHasTheSeedKeysShape()
    {
        RegisteredClient client = new ClientRegistry().Create();
        byte[] der = Convert.FromBase64String(client.ClientKey);

        Assert.Equal(67, der.Length);
        Assert.Equal(ExpectedShape, Describe(new AsnReader(der, AsnEncodingRules.DER)));
    }

    [Fact]
    public void GeneratedClientKeyImportsAndMatchesItsPublicJwk()
    {
        RegisteredClient client = new ClientRegistry().Create();

        using ECDsa key = TestJwt.ImportClientKey(client.ClientKey);
        ECParameters parameters = key.ExportParameters(false);

        Assert.Equal(client.PublicJwk.X, Base64Url.EncodeToString(parameters.Q.X));
        Assert.Equal(client.PublicJwk.Y, Base64Url.EncodeToString(parameters.Q.Y));
        Assert.Equal("P-256", client.PublicJwk.Crv);
    }

    [Fact]
    public void SeedKeyImports()
    {
        using ECDsa key = TestJwt.ImportClientKey(SeedClientKey);

        Assert.Equal(256, key.KeySize);
    }

    /// <summary>The DER structure with every value that is not key material spelled out.</summary>
    private static string Describe(AsnReader reader)
    {
        List<string> items = [];
        while (reader.HasData)
        {
            Asn1Tag tag = reader.PeekTag();
            if (tag.HasSameClassAndValue(Asn1Tag.Sequence))
            {
                items.Add($"SEQ({Describe(reader.ReadSequence())})");
            }
            else if (tag.HasSameClassAndValue(Asn1Tag.Integer))
            {
                items.Add($"INT {reader.ReadInteger()}");
            }
            else if (tag.HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            {
                items.Add($"OID {reader.ReadObjectIdentifier()}");
            }
            else if (tag.HasSameClassAndValue(Asn1Tag.PrimitiveOctetString))
            {
                byte[] content = reader.ReadOctetString();
                items.Add(content.Length == 32 ? "OCT[32]" : $"OCT({Describe(new AsnReader(content, AsnEncodingRules.DER))})");
            }
            else
            {
                items.Add($"TAG {tag}");
                reader.ReadEncodedValue();
            }
        }

        return string.Join(",", items);
    }
}
