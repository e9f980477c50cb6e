using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.Assertions;

public sealed class ClientAssertionFactoryTests : IDisposable
{
    private static readonly Regex UuidV4 = new Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 9, 21, 4, 20, 25, 750, TimeSpan.Zero);

    private readonly HyprSigningKey key = HyprSigningKey.Import(TestKeys.SeedClientKey);

    public void Dispose() => this.key.Dispose();

    [Fact]
    public void Header_and_claims_are_exactly_what_HYPR_expects()
    {
        var assertion = ClientAssertionFactory.Create(this.key, new ClientAssertionRequest { ClientId = "hypap-0a2c1e47c4b9dummy" }, Now);
        var parts = assertion.Jwt.Split('.');
        var iat = Now.ToUnixTimeSeconds();

        Assert.Equal(3, parts.Length);
        Assert.Equal($"{{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"{this.key.Thumbprint}\"}}", TestJwt.Json(parts[0]));
        using var claims = TestJwt.Parse(parts[1]);
        var root = claims.RootElement;
        Assert.Equal(new[] { "iss", "sub", "aud", "jti", "exp", "iat", "nbf" }, root.EnumerateObject().Select(property => property.Name));
        Assert.Equal("https://hypr.com", root.GetProperty("iss").GetString());
        Assert.Equal("hypap-0a2c1e47c4b9dummy", root.GetProperty("sub").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("aud").ValueKind);
        Assert.Equal("https://hypr.com", root.GetProperty("aud").GetString());
        Assert.Matches(UuidV4, root.GetProperty("jti").GetString());
        Assert.Equal(iat + 300, root.GetProperty("exp").GetInt64());
        Assert.Equal(iat, root.GetProperty("iat").GetInt64());
        Assert.Equal(iat, root.GetProperty("nbf").GetInt64());
        Assert.DoesNotContain('=', assertion.Jwt);
        Assert.Equal(64, TestJwt.Decode(parts[2]).Length);
    }

    [Fact]
    public void The_object_reports_what_the_JWT_says()
    {
        var assertion = ClientAssertionFactory.Create(this.key, new ClientAssertionRequest { ClientId = "client-1", KeyId = "key-7" }, Now);
        var whole = DateTimeOffset.FromUnixTimeSeconds(Now.ToUnixTimeSeconds());

        Assert.Equal("client-1", assertion.ClientId);
        Assert.Equal("key-7", assertion.KeyId);
        Assert.Equal(HyprDefaults.Issuer, assertion.Issuer);
        Assert.Equal(HyprDefaults.Audience, assertion.Audience);
        Assert.Equal(whole, assertion.IssuedAt);
        Assert.Equal(whole, assertion.NotBefore);
        Assert.Equal(whole.AddMinutes(5), assertion.ExpiresAt);
        Assert.Equal(TimeSpan.Zero, assertion.ExpiresAt.Offset);
        Assert.Equal(new[] { "alg", "typ", "kid" }, assertion.Header.Keys);
        Assert.Equal(new object[] { "ES256", "JWT", "key-7" }, assertion.Header.Values);
        Assert.Equal(new[] { "iss", "sub", "aud", "jti", "exp", "iat", "nbf" }, assertion.Claims.Keys);
        Assert.Equal(assertion.JwtId, assertion.Claims["jti"]);
        Assert.Equal(whole.AddMinutes(5).ToUnixTimeSeconds(), Assert.IsType<long>(assertion.Claims["exp"]));
        Assert.Equal(whole.ToUnixTimeSeconds(), Assert.IsType<long>(assertion.Claims["iat"]));
        Assert.Equal("key-7", JsonDocument.Parse(TestJwt.Decode(assertion.Jwt.Split('.')[0])).RootElement.GetProperty("kid").GetString());
    }

    [Fact]
    public void Alternating_clients_on_one_thread_each_get_their_own_header_and_claims()
    {
        var requests = new[] { ("client-a", "https://a.example"), ("client-b", "https://b.example"), ("client-a", "https://hypr.com") };
        foreach (var (client, issuer) in requests)
        {
            var request = new ClientAssertionRequest { ClientId = client, Issuer = issuer, KeyId = client + "-kid" };
            var parts = ClientAssertionFactory.Create(key, request, Now).Jwt.Split('.');
            using var header = TestJwt.Parse(parts[0]);
            using var claims = TestJwt.Parse(parts[1]);

            Assert.Equal(client + "-kid", header.RootElement.GetProperty("kid").GetString());
            Assert.Equal(client, claims.RootElement.GetProperty("sub").GetString());
            Assert.Equal(issuer, claims.RootElement.GetProperty("iss").GetString());
        }
    }

    [Fact]
    public void A_bad_value_is_refused_right_after_a_good_one_for_the_same_client()
    {
        ClientAssertionFactory.Create(key, new ClientAssertionRequest { ClientId = "client-a" }, Now);

        var bad = new ClientAssertionRequest { ClientId = "client-a\n" };

        var error = Assert.Throws<HyprArgumentException>(() => ClientAssertionFactory.Create(key, bad, Now));

        Assert.Equal("ClientId", error.ParameterName);
    }

    [Fact]
    public void Signature_verifies_with_an_independent_ECDsa()
    {
        using var platform = ECDsa.Create();
        platform.ImportPkcs8PrivateKey(Convert.FromBase64String(TestKeys.SeedClientKey), out _);

        var jwt = ClientAssertionFactory.Create(this.key, new ClientAssertionRequest { ClientId = "c" }, Now).Jwt;
        var dot = jwt.LastIndexOf('.');

        Assert.True(platform.VerifyData(Encoding.ASCII.GetBytes(jwt[..dot]), TestJwt.Decode(jwt[(dot + 1)..]), HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Rfc7515_A3_key_signs_an_assertion_that_verifies_against_the_RFCs_public_key()
    {
        using var a3 = HyprSigningKey.Import(TestKeys.A3Jwk);
        using var verifier = TestKeys.PublicEcdsa(TestKeys.FromBase64Url(TestKeys.A3X), TestKeys.FromBase64Url(TestKeys.A3Y));

        var jwt = ClientAssertionFactory.Create(a3, new ClientAssertionRequest { ClientId = "joe" }, Now).Jwt;
        var dot = jwt.LastIndexOf('.');

        Assert.True(verifier.VerifyData(Encoding.ASCII.GetBytes(jwt[..dot]), TestJwt.Decode(jwt[(dot + 1)..]), HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Every_string_is_JSON_escaped()
    {
        var request = new ClientAssertionRequest
        {
            ClientId = "quote\" backslash\\ slash/ é 😀 <&>",
            KeyId = "kid \"1\"",
            Issuer = "https://issuer.example/a\\b",
            Audience = "https://aud.example/token?x=\"y\"",
        };

        var assertion = ClientAssertionFactory.Create(this.key, request, Now);
        using var header = TestJwt.Parse(assertion.Jwt.Split('.')[0]);
        using var claims = TestJwt.Parse(assertion.Jwt.Split('.')[1]);

        Assert.Equal(request.KeyId, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(request.ClientId, claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal(request.Issuer, claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal(request.Audience, claims.RootElement.GetProperty("aud").GetString());
    }

    [Fact]
    public void One_hundred_thousand_jwt_ids_are_unique_random_UUIDs()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 100_000; i++)
        {
            var id = JwtIdGenerator.NewId();
            Assert.True(ids.Add(id), $"repeated jti {id}");
            if (i % 1000 == 0)
            {
                Assert.Matches(UuidV4, id);
            }
        }

        Assert.All(ids.Take(5000), id => Assert.Matches(UuidV4, id));
    }

    [Fact]
    public void Each_assertion_has_a_new_jti()
    {
        var request = new ClientAssertionRequest { ClientId = "c" };

        var ids = Enumerable.Range(0, 1000).Select(_ => ClientAssertionFactory.Create(this.key, request, Now).JwtId).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ToString_describes_the_assertion_without_the_JWT()
    {
        var assertion = ClientAssertionFactory.Create(this.key, new ClientAssertionRequest { ClientId = "client-1" }, Now);

        var text = assertion.ToString();

        Assert.Contains("sub=client-1", text, StringComparison.Ordinal);
        Assert.Contains(assertion.JwtId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(assertion.Jwt.Split('.')[2], text, StringComparison.Ordinal);
        Assert.DoesNotContain(assertion.Jwt.Split('.')[1], text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(90.7, 90)]
    [InlineData(600, 600)]
    [InlineData(1, 1)]
    [InlineData(21600, 21600)]
    public void Lifetime_sets_exp_in_whole_seconds(double seconds, long expected)
    {
        var assertion =
            ClientAssertionFactory.Create(this.key, new ClientAssertionRequest { ClientId = "c", Lifetime = TimeSpan.FromSeconds(seconds) }, Now);

        Assert.Equal(expected, (long)assertion.Claims["exp"] - (long)assertion.Claims["iat"]);
    }

    [Fact]
    public void ExpiresAt_sets_exp_as_JWTCreators_exp_does()
    {
        var expiry = DateTimeOffset.FromUnixTimeSeconds(Now.ToUnixTimeSeconds() + 21600).ToOffset(TimeSpan.FromHours(2));

        var assertion = ClientAssertionFactory.Create(this.key, new ClientAssertionRequest { ClientId = "c", ExpiresAt = expiry }, Now);

        Assert.Equal(expiry.ToUnixTimeSeconds(), assertion.Claims["exp"]);
        Assert.Equal(expiry, assertion.ExpiresAt);
    }

    public static IEnumerable<object[]> BadRequests()
    {
        yield return Bad("empty client id", new ClientAssertionRequest { ClientId = string.Empty }, "ClientId");
        yield return Bad("blank client id", new ClientAssertionRequest { ClientId = "  " }, "ClientId");
        yield return Bad("null client id", new ClientAssertionRequest { ClientId = null! }, "ClientId");
        yield return Bad("client id with newline", new ClientAssertionRequest { ClientId = "abc\ndef" }, "ClientId");
        yield return Bad("client id with unpaired surrogate", new ClientAssertionRequest { ClientId = "abc\uD800" }, "ClientId");
        yield return Bad("empty key id", new ClientAssertionRequest { ClientId = "c", KeyId = string.Empty }, "KeyId");
        yield return Bad("empty issuer", new ClientAssertionRequest { ClientId = "c", Issuer = string.Empty }, "Issuer");
        yield return Bad("empty audience", new ClientAssertionRequest { ClientId = "c", Audience = " " }, "Audience");
        yield return Bad("zero lifetime", new ClientAssertionRequest { ClientId = "c", Lifetime = TimeSpan.Zero }, "Lifetime");
        yield return Bad("negative lifetime", new ClientAssertionRequest { ClientId = "c", Lifetime = TimeSpan.FromMinutes(-5) }, "Lifetime");
        yield return Bad("sub-second lifetime", new ClientAssertionRequest { ClientId = "c", Lifetime = TimeSpan.FromMilliseconds(500) },
            "Lifetime");
        yield return Bad("endless lifetime", new ClientAssertionRequest { ClientId = "c", Lifetime = TimeSpan.MaxValue }, "Lifetime");
        yield return Bad("expiry in the past", new ClientAssertionRequest { ClientId = "c", ExpiresAt = Now.AddMinutes(-1) }, "ExpiresAt");
        yield return Bad("expiry now", new ClientAssertionRequest { ClientId = "c", ExpiresAt = Now.AddMilliseconds(100) }, "ExpiresAt");
        yield return Bad("lifetime and expiry",
            new ClientAssertionRequest { ClientId = "c", Lifetime = TimeSpan.FromMinutes(5), ExpiresAt = Now.AddMinutes(5) }, "ExpiresAt");
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Bad_requests_are_refused_naming_the_parameter(string why, ClientAssertionRequest request, string parameter)
    {
        var error = Assert.Throws<HyprArgumentException>(() => ClientAssertionFactory.Create(this.key, request, Now));

        Assert.True(parameter == error.ParameterName, $"{why}: {error.ParameterName}: {error.Message}");
    }

    [Fact]
    public void A_past_expiry_is_explained_with_both_times()
    {
        var error = Assert.Throws<HyprArgumentException>(() =>
            ClientAssertionFactory.Create(this.key, new ClientAssertionRequest { ClientId = "c", ExpiresAt = Now.AddHours(-1) }, Now));

        Assert.Contains("2025-09-21 03:20:25Z", error.Message, StringComparison.Ordinal);
        Assert.Contains("2025-09-21 04:20:25Z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disposed_key_cannot_sign()
    {
        var key = HyprSigningKey.Import(TestKeys.SeedClientKey);
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => ClientAssertionFactory.Create(key, new ClientAssertionRequest { ClientId = "c" }, Now));
    }

    private static object[] Bad(string why, ClientAssertionRequest request, string parameter) => new object[] { why, request, parameter };
}
