using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Keys;

public sealed class KeyFileImportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hyprauth-keys-").FullName;
    private readonly ECDsa reference = TestKeys.NewP256();

    public void Dispose()
    {
        reference.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Reads_raw_DER_and_every_text_encoding_Windows_PowerShell_writes()
    {
        var pem = PemEncoding.WriteString("PRIVATE KEY", reference.ExportPkcs8PrivateKey());
        var files = new[]
        {
            Write("key.der", reference.ExportPkcs8PrivateKey()),
            Write("ec.der", reference.ExportECPrivateKey()),
            Write("key.pem", Encoding.ASCII.GetBytes(pem)),
            Write("key-utf8-bom.pem", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(pem))),
            Write("key-utf16.txt",
                Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Convert.ToBase64String(reference.ExportPkcs8PrivateKey())
                + "\r\n"))),
            Write("key-utf16be.txt", Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(pem))),
            Write("key.jwk",
                Encoding.UTF8.GetBytes(
                    $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\"{TestKeys.ToBase64Url(reference.ExportParameters(true).D!)}\"}}")),
        };

        foreach (var file in files)
        {
            using var key = HyprSigningKey.ImportFile(file);
            Assert.True(TestKeys.ExpectedPublicJwk(reference) == key.PublicJwk, file);
        }
    }

    [Fact]
    public void Missing_file_is_FileNotFound_naming_the_path()
    {
        var path = Path.Combine(folder, "absent", "key.pem");

        var error = Assert.Throws<HyprKeyException>(() => HyprSigningKey.ImportFile(path));

        Assert.Equal(KeyErrorReason.FileNotFound, error.Reason);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_FileUnreadable()
    {
        var error = Assert.Throws<HyprKeyException>(() => HyprSigningKey.ImportFile(folder));

        Assert.Equal(KeyErrorReason.FileUnreadable, error.Reason);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_oversized_files_are_refused_without_reading_them_out()
    {
        Assert.Equal(KeyErrorReason.Empty,
            Assert.Throws<HyprKeyException>(() => HyprSigningKey.ImportFile(Write("empty.pem", Array.Empty<byte>()))).Reason);
        Assert.Equal(KeyErrorReason.MalformedKey,
            Assert.Throws<HyprKeyException>(() => HyprSigningKey.ImportFile(Write("big.pem", new byte[100_000]))).Reason);
    }

    [Fact]
    public void Refusal_from_a_file_names_the_path_and_never_the_content()
    {
        using var rsa = RSA.Create(2048);
        var text = PemEncoding.WriteString("PRIVATE KEY", rsa.ExportPkcs8PrivateKey());
        var path = Write("rsa.pem", Encoding.ASCII.GetBytes(text));

        var error = Assert.Throws<HyprKeyException>(() => HyprSigningKey.ImportFile(path));

        Assert.Equal(KeyErrorReason.NotAnEcKey, error.Reason);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        TestKeys.AssertNoKeyText(error, text);
    }

    [Fact]
    public void Blank_path_is_an_argument_error()
    {
        var error = Assert.Throws<HyprArgumentException>(() => HyprSigningKey.ImportFile(" "));

        Assert.Equal("KeyPath", error.ParameterName);
    }

    private string Write(string name, System.Collections.Generic.IEnumerable<byte> content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content.ToArray());
        return path;
    }
}
