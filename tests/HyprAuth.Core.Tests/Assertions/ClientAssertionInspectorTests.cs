using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Assertions;

public sealed class ClientAssertionInspectorTests : IDisposable
{
    private const string ClientId = "hypap-0a2c1e47c4b9dummy";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1758428825);

    private readonly HyprSigningKey key = HyprSigningKey.Import(TestKeys.SeedClientKey);
    private readonly HyprVerificationKey publicKey;
    private readonly AssertionExpectations expectations = new AssertionExpectations { ClientId = ClientId };

    public ClientAssertionInspectorTests()
    {
        publicKey = HyprVerificationKey.FromSigningKey(this.key);
    }

    public void Dispose()
    {
        publicKey.Dispose();
        this.key.Dispose();
    }

    [Fact]
    public void A_good_assertion_passes_every_check_in_order()
    {
        var assertion = Create();

        var inspection = ClientAssertionInspector.Inspect(assertion.Jwt, publicKey, expectations, Now.AddSeconds(10));

        Assert.True(inspection.IsValid, inspection.ToString());
        Assert.Equal(
            new[] { "Format", "Algorithm", "Type", "KeyId", "Issuer", "Audience", "Subject", "JwtId", "Expiry", "NotBefore", "IssuedAt",
                "Lifetime", "Signature", "KeyIdMatchesKey" },
            inspection.Checks.Select(check => check.Name));
        Assert.All(inspection.Checks.Take(13), check => Assert.Equal(AssertionCheckOutcome.Passed, check.Outcome));
        Assert.Equal(AssertionCheckOutcome.Note, Check(inspection, AssertionCheckNames.KeyIdMatchesKey).Outcome);
        Assert.Contains("thumbprint", Check(inspection, AssertionCheckNames.KeyIdMatchesKey).Detail, StringComparison.Ordinal);
        Assert.Equal(new[] { "alg", "typ", "kid" }, inspection.Header!.Keys);
        Assert.Equal(assertion.JwtId, inspection.Claims!["jti"]);
        Assert.Equal(assertion.ExpiresAt.ToUnixTimeSeconds(), inspection.Claims["exp"]);
    }

    [Fact]
    public void Without_a_key_the_signature_is_skipped_not_failed()
    {
        var inspection = ClientAssertionInspector.Inspect(Create().Jwt, null, expectations, Now);

        var signature = Check(inspection, AssertionCheckNames.Signature);
        Assert.Equal(AssertionCheckOutcome.Skipped, signature.Outcome);
        Assert.True(signature.Passed);
        Assert.Equal("no key given", signature.Detail);
        Assert.True(inspection.IsValid);
    }

    [Fact]
    public void A_tampered_signature_fails_only_the_signature()
    {
        var jwt = Create().Jwt;
        var signature = TestJwt.Decode(jwt.Split('.')[2]);
        signature[5] ^= 0x40;
        var tampered = jwt[..(jwt.LastIndexOf('.') + 1)] + TestJwt.Encode(signature);

        var inspection = ClientAssertionInspector.Inspect(tampered, publicKey, expectations, Now);

        Assert.Equal(new[] { AssertionCheckNames.Signature }, Failed(inspection));
    }

    [Fact]
    public void Altered_claims_fail_the_signature_and_the_changed_check()
    {
        var parts = Create().Jwt.Split('.');
        var claims = TestJwt.Json(parts[1]).Replace(ClientId, "someone-else", StringComparison.Ordinal);

        var inspection = ClientAssertionInspector.Inspect($"{parts[0]}.{TestJwt.Segment(claims)}.{parts[2]}", publicKey, expectations, Now);

        Assert.Equal(new[] { AssertionCheckNames.Subject, AssertionCheckNames.Signature }, Failed(inspection));
        Assert.Contains("someone-else", Check(inspection, AssertionCheckNames.Subject).Detail, StringComparison.Ordinal);
    }

    public static IEnumerable<object[]> Faults()
    {
        const string Header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"k\"}";
        const string Claims = "\"sub\":\"" + ClientId
            + "\",\"jti\":\"c6819c6f-384e-4b21-994a-55cc3e25ffca\",\"iat\":1758428825,\"nbf\":1758428825";
        const string Good = "\"iss\":\"https://hypr.com\",\"aud\":\"https://hypr.com\",\"exp\":1758429125," + Claims;

        yield return Fault("wrong alg", "{\"alg\":\"ES384\",\"typ\":\"JWT\",\"kid\":\"k\"}", "{" + Good + "}", AssertionCheckNames.Algorithm);
        yield return Fault("alg none", "{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"k\"}", "{" + Good + "}", AssertionCheckNames.Algorithm);
        yield return Fault("no typ", "{\"alg\":\"ES256\",\"kid\":\"k\"}", "{" + Good + "}", AssertionCheckNames.Type);
        yield return Fault("missing kid", "{\"alg\":\"ES256\",\"typ\":\"JWT\"}", "{" + Good + "}", AssertionCheckNames.KeyId);
        yield return Fault("empty kid", "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"\"}", "{" + Good + "}", AssertionCheckNames.KeyId);
        yield return Fault("wrong iss", Header, "{"
            + Good.Replace("\"iss\":\"https://hypr.com\"", "\"iss\":\"https://evil.example\"", StringComparison.Ordinal) + "}",
            AssertionCheckNames.Issuer);
        yield return Fault("wrong aud", Header, "{"
            + Good.Replace("\"aud\":\"https://hypr.com\"", "\"aud\":\"https://other.example\"", StringComparison.Ordinal) + "}",
            AssertionCheckNames.Audience);
        yield return Fault("aud array", Header, "{"
            + Good.Replace("\"aud\":\"https://hypr.com\"", "\"aud\":[\"https://hypr.com\"]", StringComparison.Ordinal) + "}",
            AssertionCheckNames.Audience);
        yield return Fault("missing sub", Header, "{" + Good.Replace("\"sub\":\"" + ClientId + "\",", string.Empty, StringComparison.Ordinal)
            + "}", AssertionCheckNames.Subject);
        yield return Fault("jti not a UUID", Header, "{" + Good.Replace("c6819c6f-384e-4b21-994a-55cc3e25ffca", "12345", StringComparison.Ordinal)
            + "}", AssertionCheckNames.JwtId);
        yield return Fault("jti not hex", Header, "{" + Good.Replace("c6819c6f-384e-4b21-994a-55cc3e25ffca", "c6819c6f-384e-4b21-994a-55cc3e25ffcg",
            StringComparison.Ordinal) + "}", AssertionCheckNames.JwtId);
        yield return Fault("jti dash misplaced", Header, "{" + Good.Replace("c6819c6f-384e-4b21-994a-55cc3e25ffca",
            "c6819c6f3-84e-4b21-994a-55cc3e25ffca", StringComparison.Ordinal) + "}", AssertionCheckNames.JwtId);
        yield return Fault("exp a string", Header, "{" + Good.Replace("\"exp\":1758429125", "\"exp\":\"1758429125\"", StringComparison.Ordinal)
            + "}", AssertionCheckNames.Expiry);
        yield return Fault("missing iat", Header, "{" + Good.Replace(",\"iat\":1758428825", string.Empty, StringComparison.Ordinal) + "}",
            AssertionCheckNames.IssuedAt);
        yield return Fault("too long", Header, "{" + Good.Replace("\"exp\":1758429125", "\"exp\":1758436025", StringComparison.Ordinal) + "}",
            AssertionCheckNames.Lifetime);
        yield return Fault("exp before iat", Header, "{" + Good.Replace("\"exp\":1758429125", "\"exp\":1758428800", StringComparison.Ordinal)
            + "}", AssertionCheckNames.Lifetime);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void Each_fault_fails_its_own_check(string fault, string header, string claims, string check)
    {
        var jwt = TestJwt.Sign(this.key, header, claims);

        var inspection = ClientAssertionInspector.Inspect(jwt, publicKey, expectations, Now.AddSeconds(1));

        Assert.True(new[] { check }.SequenceEqual(Failed(inspection)), $"{fault}: failed {string.Join(", ", Failed(inspection))}");
        Assert.False(inspection.IsValid);
        AssertNoJwtIn(inspection, jwt);
    }

    [Fact]
    public void Expiry_honours_the_clock_skew()
    {
        var assertion = Create();
        var exp = assertion.ExpiresAt;

        Assert.True(ClientAssertionInspector.Inspect(assertion.Jwt, publicKey, expectations, exp.AddSeconds(29)).IsValid);
        var expired = ClientAssertionInspector.Inspect(assertion.Jwt, publicKey, expectations, exp.AddSeconds(30));
        Assert.Equal(new[] { AssertionCheckNames.Expiry }, Failed(expired));
        Assert.Contains("expired at", Check(expired, AssertionCheckNames.Expiry).Detail, StringComparison.Ordinal);
        var strict = new AssertionExpectations { ClientId = ClientId, ClockSkew = TimeSpan.Zero };
        Assert.Equal(new[] { AssertionCheckNames.Expiry }, Failed(ClientAssertionInspector.Inspect(assertion.Jwt, publicKey, strict, exp)));
    }

    [Fact]
    public void An_assertion_from_the_future_fails_not_before_and_issued_at()
    {
        var inspection = ClientAssertionInspector.Inspect(Create().Jwt, publicKey, expectations, Now.AddMinutes(-2));

        Assert.Equal(new[] { AssertionCheckNames.NotBefore, AssertionCheckNames.IssuedAt }, Failed(inspection));
    }

    [Fact]
    public void A_DER_signature_is_named_as_such()
    {
        var parts = Create().Jwt.Split('.');
        using var platform = ECDsa.Create();
        platform.ImportPkcs8PrivateKey(Convert.FromBase64String(TestKeys.SeedClientKey), out _);
        var der = platform.SignData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence);

        var inspection = ClientAssertionInspector.Inspect($"{parts[0]}.{parts[1]}.{TestJwt.Encode(der)}", publicKey, expectations, Now);

        Assert.Equal(new[] { AssertionCheckNames.Signature }, Failed(inspection));
        Assert.Contains("not DER", Check(inspection, AssertionCheckNames.Signature).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_keys_signature_fails_and_a_foreign_kid_is_only_a_note()
    {
        using var otherKey = HyprSigningKey.Import(TestKeys.A3Jwk);
        var jwt = ClientAssertionFactory.Create(otherKey, new ClientAssertionRequest { ClientId = ClientId, KeyId = "registered-kid" }, Now).Jwt;

        var inspection = ClientAssertionInspector.Inspect(jwt, publicKey, expectations, Now);

        Assert.Equal(new[] { AssertionCheckNames.Signature }, Failed(inspection));
        var note = Check(inspection, AssertionCheckNames.KeyIdMatchesKey);
        Assert.Equal(AssertionCheckOutcome.Note, note.Outcome);
        Assert.Contains("differs", note.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d.e")]
    [InlineData("!!!.eyJhIjoxfQ.c2ln")]
    [InlineData("bm90IGpzb24.eyJhIjoxfQ.c2ln")]
    [InlineData("WyJhbiBhcnJheSJd.eyJhIjoxfQ.c2ln")]
    [InlineData("eyJhIjoxLCJhIjoyfQ.eyJhIjoxfQ.c2ln")]
    [InlineData("eyJhIjp7ImIiOjEsImIiOjJ9fQ.eyJhIjoxfQ.c2ln")] // {"a":{"b":1,"b":2}}: a nested repeated member
    public void Unreadable_input_fails_the_format_and_skips_what_it_cannot_read(string? jwt)
    {
        var inspection = ClientAssertionInspector.Inspect(jwt!, publicKey, expectations, Now);

        Assert.Equal(AssertionCheckOutcome.Failed, inspection.Checks[0].Outcome);
        Assert.Equal(AssertionCheckNames.Format, inspection.Checks[0].Name);
        Assert.Null(inspection.Header);
        Assert.Equal(AssertionCheckOutcome.Skipped, Check(inspection, AssertionCheckNames.Algorithm).Outcome);
        Assert.Equal(14, inspection.Checks.Count);
        Assert.False(inspection.IsValid);
    }

    [Fact]
    public void Readable_header_is_checked_even_when_the_claims_are_not()
    {
        var jwt = TestJwt.Segment("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"k\"}") + ".bm90IGpzb24.c2ln";

        var inspection = ClientAssertionInspector.Inspect(jwt, null, expectations, Now);

        Assert.Equal(AssertionCheckOutcome.Passed, Check(inspection, AssertionCheckNames.Algorithm).Outcome);
        Assert.Equal(AssertionCheckOutcome.Skipped, Check(inspection, AssertionCheckNames.Issuer).Outcome);
        Assert.Null(inspection.Claims);
    }

    [Fact]
    public void Details_never_contain_the_JWT_or_its_signature()
    {
        var jwt = Create().Jwt;
        var times = new[] { Now, Now.AddHours(2), Now.AddHours(-2) };
        var keys = new[] { publicKey, null };

        foreach (var time in times)
        {
            foreach (var key in keys)
            {
                AssertNoJwtIn(ClientAssertionInspector.Inspect(jwt, key, expectations, time), jwt);
            }
        }
    }

    [Fact]
    public void Bad_expectations_are_argument_errors()
    {
        Assert.Equal("ClockSkew",
            Assert.Throws<HyprArgumentException>(() =>
            ClientAssertionInspector.Inspect("a.b.c", null, new AssertionExpectations { ClockSkew = TimeSpan.FromSeconds(-1) },
            Now)).ParameterName);
        Assert.Equal("MaximumLifetime",
            Assert.Throws<HyprArgumentException>(() =>
            ClientAssertionInspector.Inspect("a.b.c", null, new AssertionExpectations { MaximumLifetime = TimeSpan.Zero }, Now)).ParameterName);
        Assert.Equal("Issuer",
            Assert.Throws<HyprArgumentException>(() =>
            ClientAssertionInspector.Inspect("a.b.c", null, new AssertionExpectations { Issuer = string.Empty }, Now)).ParameterName);
        Assert.Throws<ArgumentNullException>(() => ClientAssertionInspector.Inspect("a.b.c", null, null!, Now));
    }

    private ClientAssertion Create() => ClientAssertionFactory.Create(this.key, new ClientAssertionRequest { ClientId = ClientId }, Now);

    private static AssertionCheck Check(AssertionInspection inspection, string name) => inspection.Checks.Single(check => check.Name == name);

    private static string[] Failed(AssertionInspection inspection) =>
        inspection.Checks.Where(check => !check.Passed).Select(check => check.Name).ToArray();

    private static void AssertNoJwtIn(AssertionInspection inspection, string jwt)
    {
        var signature = jwt.Split('.')[2];
        foreach (var text in inspection.Checks.Select(check => check.Detail).Append(inspection.ToString()))
        {
            Assert.DoesNotContain(signature[..16], text, StringComparison.Ordinal);
            Assert.DoesNotContain(jwt.Split('.')[1][..16], text, StringComparison.Ordinal);
        }
    }

    private static object[] Fault(string fault, string header, string claims, string check) => new object[] { fault, header, claims, check };
}
