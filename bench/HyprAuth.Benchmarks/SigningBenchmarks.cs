using System;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Keys;

namespace HyprAuth.Benchmarks;

/// <summary>
/// ES256 signing, ours against the platform's limit: the same P-256 key imported into a plain ECDsa, signing the
/// same bytes with SignData (SHA-256, IEEE P1363 R||S: exactly what a JWS needs). Target: ours ≥ 0.9× the raw rate.
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private ECDsa raw = null!;
    private HyprSigningKey key = null!;
    private byte[] signingInput = null!;
    private ClientAssertionRequest request = null!;

    [GlobalSetup]
    public void Setup()
    {
        // HYPR's "Client key" shape: base64 PKCS#8 of a P-256 private key.
        using (ECDsa generated = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            byte[] pkcs8 = generated.ExportPkcs8PrivateKey();
            key = HyprSigningKey.Import(Convert.ToBase64String(pkcs8));
            raw = ECDsa.Create();
            raw.ImportPkcs8PrivateKey(pkcs8, out _);
        }

        request = new ClientAssertionRequest { ClientId = "hypap-0123456789abcdef0123456789abcdef" };

        // A real signing input (header.claims of one of our assertions), so both sides hash the same length.
        string jwt = ClientAssertionFactory.Create(key, request, DateTimeOffset.UtcNow).Jwt;
        signingInput = Encoding.ASCII.GetBytes(jwt.Substring(0, jwt.LastIndexOf('.')));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        key.Dispose();
        raw.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw ECDsa.SignData (P-256, SHA-256)")]
    public byte[] RawSignData() => raw.SignData(signingInput, HashAlgorithmName.SHA256);

    [Benchmark(Description = "HyprSigningKey.Sign")]
    public byte[] SigningKeySign() => key.Sign(signingInput);

    [Benchmark(Description = "ClientAssertionFactory.Create (whole assertion)")]
    public ClientAssertion CreateAssertion() => ClientAssertionFactory.Create(key, request, DateTimeOffset.UtcNow);
}
