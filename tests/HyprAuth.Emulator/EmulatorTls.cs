using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyprAuth.Emulator;

/// <summary>
/// HTTPS for the emulator: a throwaway certificate authority, made in memory for one run, and a leaf certificate it
/// issues for 127.0.0.1 and localhost (or another host name, to test a name mismatch). Only the CA's certificate (no
/// key) is ever written to disk, for the client to trust (SSL_CERT_FILE); the private keys die with the process.
/// </summary>
public sealed class EmulatorTls : IDisposable
{
    private EmulatorTls(X509Certificate2 authority, X509Certificate2 serverCertificate)
    {
        Authority = authority;
        ServerCertificate = serverCertificate;
    }

    /// <summary>The CA's certificate, without its private key.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The leaf Kestrel serves, with its private key.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The CA's certificate as PEM, the form SSL_CERT_FILE takes.</summary>
    public string AuthorityPem => Authority.ExportCertificatePem();

    /// <param name="hostName">The leaf's only name; null for 127.0.0.1 and localhost, the addresses the emulator listens on.</param>
    public static EmulatorTls Create(string? hostName = null)
    {
        DateTimeOffset notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        DateTimeOffset notAfter = DateTimeOffset.UtcNow.AddDays(1);
        using ECDsa authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest authorityRequest =
            new("CN=HyprAuth Emulator Test CA " + Guid.NewGuid().ToString("N")[..8], authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        using X509Certificate2 authority = authorityRequest.CreateSelfSigned(notBefore, notAfter.AddDays(1));

        using ECDsa serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest serverRequest = new("CN=" + (hostName ?? "127.0.0.1"), serverKey, HashAlgorithmName.SHA256);
        SubjectAlternativeNameBuilder names = new();
        if (hostName is null)
        {
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
        }
        else
        {
            names.AddDnsName(hostName);
        }

        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using X509Certificate2 issued = serverRequest.Create(authority, notBefore, notAfter, serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(serverKey);

        // Through PKCS#12 so that the key is usable by SslStream on every platform (an ephemeral key is not, on Windows).
        X509Certificate2 server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return new EmulatorTls(X509CertificateLoader.LoadCertificate(authority.RawData), server);
    }

    /// <summary>Writes the CA certificate (public only) where the test asked.</summary>
    public void WriteAuthorityPem(string path) => File.WriteAllText(path, AuthorityPem + "\n");

    public void Dispose()
    {
        Authority.Dispose();
        ServerCertificate.Dispose();
    }
}
