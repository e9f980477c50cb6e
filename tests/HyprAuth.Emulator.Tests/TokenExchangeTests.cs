using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Emulator.Tests;

public sealed class TokenExchangeTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;

    public TokenExchangeTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.State.Reset();
    }

    [Fact]
    public async Task ValidAssertionYieldsBearerTokenWithNoStoreHeaders()
    {
        RegisteredClient client = emulator.State.CreateClient();

        using HttpResponseMessage response = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("no-cache", response.Headers.Pragma.Select(p => p.Name));
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.StartsWith("hypap-", body.GetProperty("access_token").GetString());
        Assert.Equal("hypr:rp:report hypr:cc:applications", body.GetProperty("scope").GetString());
        CountersSnapshot counters = emulator.State.GetCounters();
        Assert.Equal(1, counters.Exchanges[client.ClientId]);
        Assert.Equal(1, counters.ExchangeAttempts[client.ClientId]);
        Assert.Equal(1, counters.ActiveTokens[client.ClientId]);
    }

    [Theory]
    [InlineData("alg none", "alg must be ES256")]
    [InlineData("alg HS256", "alg must be ES256")]
    [InlineData("alg RS256", "alg must be ES256")]
    [InlineData("alg ES384", "alg must be ES256")]
    [InlineData("no kid", "missing keyID header")]
    [InlineData("no sub", "missing sub")]
    [InlineData("unknown sub", "client not registered (sub)")]
    [InlineData("tampered payload", "JWT signature verification failed")]
    [InlineData("other key", "JWT signature verification failed")]
    [InlineData("DER signature", "signature must be 64 bytes")]
    [InlineData("wrong iss", "iss must be https://hypr.com")]
    [InlineData("no iss", "iss must be https://hypr.com")]
    [InlineData("wrong aud", "aud must be the string https://hypr.com")]
    [InlineData("aud array", "aud must be the string https://hypr.com")]
    [InlineData("no exp", "missing or non-numeric exp")]
    [InlineData("string exp", "missing or non-numeric exp")]
    [InlineData("expired", "JWT expired")]
    [InlineData("nbf future", "nbf in the future")]
    [InlineData("iat future", "iat in the future")]
    [InlineData("too long", "assertion lifetime exceeds 3600 seconds")]
    [InlineData("no jti", "missing jti")]
    [InlineData("two parts", "expected 3 base64url parts")]
    [InlineData("header not json", "malformed JWT header")]
    [InlineData("payload not json", "malformed JWT payload")]
    public async Task BadAssertionIsRefusedWithItsCause(string scenario, string cause)
    {
        RegisteredClient client = emulator.State.CreateClient();
        string assertion = BuildAssertion(scenario, client, emulator.Now);

        using HttpResponseMessage response = await emulator.ExchangeAsync(assertion);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(1201047, body.GetProperty("errorCode").GetInt32());
        Assert.Contains(cause, body.GetProperty("errorMessage").GetString());
        Assert.Contains(cause, body.GetProperty("error_description").GetString());
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal(0, CountersSnapshot.Get(emulator.State.GetCounters().Exchanges, client.ClientId));
    }

    [Theory]
    [InlineData("json body", "content type must be application/x-www-form-urlencoded")]
    [InlineData("no grant_type", "missing grant_type")]
    [InlineData("client_credentials grant", "unsupported grant_type")]
    [InlineData("wrong assertion type", "client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer")]
    [InlineData("no assertion", "missing client_assertion")]
    public async Task BadRequestParametersAreRefusedWithTheirCause(string scenario, string cause)
    {
        RegisteredClient client = emulator.State.CreateClient();
        string assertion = TestJwt.Create(client, emulator.Now);
        HttpContent content = scenario switch
        {
            "json body" => new StringContent("{\"client_assertion\":\"" + assertion + "\"}", Encoding.UTF8, "application/json"),
            "no grant_type" => Form(("client_assertion_type", EmulatorFixture.AssertionType), ("client_assertion", assertion)),
            "client_credentials grant" =>
                Form(("grant_type", "client_credentials"), ("client_assertion_type", EmulatorFixture.AssertionType), ("client_assertion", assertion)),
            "wrong assertion type" =>
                Form(("grant_type", "authorization_code"), ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer"),
                ("client_assertion", assertion)),
            _ => Form(("grant_type", "authorization_code"), ("client_assertion_type", EmulatorFixture.AssertionType)),
        };

        using HttpResponseMessage response = await emulator.Http.PostAsync(EmulatorFixture.TokenPath, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(1201047, body.GetProperty("errorCode").GetInt32());
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.Contains(cause, body.GetProperty("errorMessage").GetString());
        Assert.Equal(1, emulator.State.GetCounters().ExchangeAttempts["unknown"]);
    }

    [Fact]
    public async Task ReplayedAssertionIsRefused()
    {
        RegisteredClient client = emulator.State.CreateClient();
        string assertion = TestJwt.Create(client, emulator.Now);

        using HttpResponseMessage first = await emulator.ExchangeAsync(assertion);
        using HttpResponseMessage second = await emulator.ExchangeAsync(assertion);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("jti already used", await EmulatorFixture.ErrorMessageAsync(second, 1201047));
        Assert.Equal(2, emulator.State.GetCounters().ExchangeAttempts[client.ClientId]);
    }

    [Fact]
    public async Task RefusedAssertionDoesNotBurnItsJti()
    {
        RegisteredClient client = emulator.State.CreateClient();
        string jti = Guid.NewGuid().ToString();
        string expired =
            TestJwt.Create(client, emulator.Now, (_, payload) =>
            { payload["jti"] = jti; payload["exp"] = emulator.Now - 120; payload["iat"] = emulator.Now - 400; });
        string valid = TestJwt.Create(client, emulator.Now, (_, payload) => payload["jti"] = jti);

        using HttpResponseMessage refused = await emulator.ExchangeAsync(expired);
        using HttpResponseMessage accepted = await emulator.ExchangeAsync(valid);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task ExpiryWithinSkewIsAccepted()
    {
        RegisteredClient client = emulator.State.CreateClient();
        string assertion =
            TestJwt.Create(client, emulator.Now, (_, payload) => { payload["exp"] = emulator.Now - 10; payload["iat"] = emulator.Now - 300; });

        using HttpResponseMessage response = await emulator.ExchangeAsync(assertion);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownKidFallsBackToTheClientsKeysUnlessStrict()
    {
        RegisteredClient client = emulator.State.CreateClient();
        string randomKid = TestJwt.Create(client, emulator.Now, (header, _) => header["kid"] = Guid.NewGuid().ToString());

        using HttpResponseMessage lenient = await emulator.ExchangeAsync(randomKid);
        emulator.State.Settings = emulator.State.Settings with { RequireKnownKid = true };
        using HttpResponseMessage strict = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now, (header, _) => header["kid"] = "nope"));

        Assert.Equal(HttpStatusCode.OK, lenient.StatusCode);
        Assert.Contains("unknown kid", await EmulatorFixture.ErrorMessageAsync(strict, 1201047));
    }

    [Fact]
    public async Task EveryKeyOfARotatedClientWorksByKid()
    {
        RegisteredClient first = emulator.State.CreateClient();
        RegisteredClient second = emulator.State.CreateClient(new ClientSpec { ClientId = first.ClientId });
        emulator.State.Settings = emulator.State.Settings with { RequireKnownKid = true };

        using HttpResponseMessage withFirst = await emulator.ExchangeAsync(TestJwt.Create(first, emulator.Now));
        using HttpResponseMessage withSecond = await emulator.ExchangeAsync(TestJwt.Create(second, emulator.Now));
        using HttpResponseMessage crossed = await emulator.ExchangeAsync(TestJwt.Create(second with { KeyId = first.KeyId }, emulator.Now));

        Assert.Equal(2, emulator.State.Registry.Clients.Single(c => c.ClientId == first.ClientId).Keys.Count);
        Assert.Equal(HttpStatusCode.OK, withFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withSecond.StatusCode);
        Assert.Contains("JWT signature verification failed", await EmulatorFixture.ErrorMessageAsync(crossed, 1201047));
    }

    [Fact]
    public async Task SettingsChangeGrantTypeIssuerAudienceLifetimeAndSkew()
    {
        RegisteredClient client = emulator.State.CreateClient();
        emulator.State.Settings = emulator.State.Settings with
        {
            AcceptedGrantTypes = ["authorization_code", "client_credentials"],
            Issuer = "https://issuer.example",
            Audience = "https://audience.example",
            MaxAssertionLifetimeSeconds = 600,
            ClockSkewSeconds = 0,
        };
        void Retarget(JsonObject header, JsonObject payload)
        {
            payload["iss"] = "https://issuer.example";
            payload["aud"] = "https://audience.example";
        }

        using HttpResponseMessage ok = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now, Retarget), grantType: "client_credentials");
        using HttpResponseMessage defaultIssuer = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now));
        using HttpResponseMessage tooLong =
            await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now, (h, p) => { Retarget(h, p); p["exp"] = emulator.Now + 601; }));
        using HttpResponseMessage noSkew =
            await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now, (h, p) => { Retarget(h, p); p["nbf"] = emulator.Now + 5; }));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("iss must be https://issuer.example", await EmulatorFixture.ErrorMessageAsync(defaultIssuer, 1201047));
        Assert.Contains("assertion lifetime exceeds 600 seconds", await EmulatorFixture.ErrorMessageAsync(tooLong, 1201047));
        Assert.Contains("nbf in the future", await EmulatorFixture.ErrorMessageAsync(noSkew, 1201047));
    }

    [Theory]
    [InlineData(59, "hypr:rp:report", "token TTL must be at least 60 seconds")]
    [InlineData(3600, "openid", "scope openid is not an API scope")]
    public async Task ClientWithBadTtlOrScopeIsRefusedWith1201023(int ttl, string scope, string cause)
    {
        RegisteredClient client = emulator.State.CreateClient(new ClientSpec { TokenTtlSeconds = ttl, Scopes = [scope] });

        using HttpResponseMessage response = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(cause, await EmulatorFixture.ErrorMessageAsync(response, 1201023));
    }

    [Fact]
    public async Task TooManyActiveTokensIsThrottledWith1201093UntilOneIsRevoked()
    {
        RegisteredClient client = emulator.State.CreateClient(new ClientSpec { MaxActiveTokens = 2 });
        string first = await emulator.GetTokenAsync(client);
        await emulator.GetTokenAsync(client);

        using HttpResponseMessage throttled = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now));
        Assert.True(emulator.State.RevokeToken(first));
        using HttpResponseMessage afterRevoke = await emulator.ExchangeAsync(TestJwt.Create(client, emulator.Now));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Null(throttled.Headers.RetryAfter);
        Assert.Equal("OAuth request throttled: too many active tokens", await EmulatorFixture.ErrorMessageAsync(throttled, 1201093));
        Assert.Equal(HttpStatusCode.OK, afterRevoke.StatusCode);
        Assert.Equal(2, emulator.State.GetCounters().ActiveTokens[client.ClientId]);
    }

    [Fact]
    public async Task ExpiredTokensNoLongerCountAsActive()
    {
        RegisteredClient client = emulator.State.CreateClient(new ClientSpec { MaxActiveTokens = 1, TokenTtlSeconds = 60 });
        await emulator.GetTokenAsync(client);

        emulator.State.ShiftClock(TimeSpan.FromSeconds(61));

        Assert.Equal(0, emulator.State.GetCounters().ActiveTokens[client.ClientId]);
        await emulator.GetTokenAsync(client);
    }

    [Fact]
    public async Task ConcurrentExchangesNeverExceedMaxActiveTokens()
    {
        RegisteredClient client = emulator.State.CreateClient(new ClientSpec { MaxActiveTokens = 5 });
        string[] assertions = Enumerable.Range(0, 16).Select(_ => TestJwt.Create(client, emulator.Now)).ToArray();

        HttpResponseMessage[] responses = await Task.WhenAll(assertions.Select(a => emulator.ExchangeAsync(a)));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(16, emulator.State.GetCounters().ExchangeAttempts[client.ClientId]);
        Assert.Equal(5, emulator.State.GetCounters().Exchanges[client.ClientId]);
        Array.ForEach(responses, r => r.Dispose());
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static string BuildAssertion(string scenario, RegisteredClient client, long now)
    {
        string valid = TestJwt.Create(client, now);
        string[] parts = valid.Split('.');
        return scenario switch
        {
            "alg none" => TestJwt.Encode("{\"alg\":\"none\",\"kid\":\"" + client.KeyId + "\"}") + "." + parts[1] + ".",
            "alg HS256" => WithAlg(client, now, "HS256"),
            "alg RS256" => WithAlg(client, now, "RS256"),
            "alg ES384" => WithAlg(client, now, "ES384"),
            "no kid" => TestJwt.Create(client, now, (header, _) => header.Remove("kid")),
            "no sub" => TestJwt.Create(client, now, (_, payload) => payload.Remove("sub")),
            "unknown sub" => TestJwt.Create(client, now, (_, payload) => payload["sub"] = "hypap-nobody"),
            "tampered payload" => parts[0] + "." + TestJwt.Encode(TestJwt.Payload(client.ClientId, now, 600).ToJsonString()) + "." + parts[2],
            "other key" => TestJwt.Create(client with { ClientKey = new ClientRegistry().Create().ClientKey }, now),
            "DER signature" => parts[0] + "." + parts[1] + "." + DerSignature(client, parts[0] + "." + parts[1]),
            "wrong iss" => TestJwt.Create(client, now, (_, payload) => payload["iss"] = "https://evil.example"),
            "no iss" => TestJwt.Create(client, now, (_, payload) => payload.Remove("iss")),
            "wrong aud" => TestJwt.Create(client, now, (_, payload) => payload["aud"] = "https://other.example"),
            "aud array" => TestJwt.Create(client, now, (_, payload) => payload["aud"] = new JsonArray("https://hypr.com")),
            "no exp" => TestJwt.Create(client, now, (_, payload) => payload.Remove("exp")),
            "string exp" => TestJwt.Create(client, now, (_, payload) => payload["exp"] = (now + 60).ToString(CultureInfo.InvariantCulture)),
            "expired" =>
                TestJwt.Create(client, now, (_, payload) => { payload["exp"] = now - 31; payload["iat"] = now - 300; payload["nbf"] = now - 300; }),
            // Far beyond the 30 s leeway, so a slow machine (the emulator reads its clock later) cannot make it pass the check.
            "nbf future" => TestJwt.Create(client, now, (_, payload) => payload["nbf"] = now + 300),
            "iat future" => TestJwt.Create(client, now, (_, payload) => payload["iat"] = now + 300),
            "too long" => TestJwt.Create(client, now, (_, payload) => payload["exp"] = now + 3601),
            "no jti" => TestJwt.Create(client, now, (_, payload) => payload.Remove("jti")),
            "two parts" => parts[0] + "." + parts[1],
            "header not json" => TestJwt.Encode("not json") + "." + parts[1] + "." + parts[2],
            "payload not json" => parts[0] + "." + TestJwt.Encode("[1,2]") + "." + parts[2],
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
    }

    private static string WithAlg(RegisteredClient client, long now, string alg) =>
        TestJwt.Create(client, now, (header, _) => header["alg"] = alg);

    private static string DerSignature(RegisteredClient client, string signingInput)
    {
        using ECDsa key = TestJwt.ImportClientKey(client.ClientKey);
        byte[] der = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Base64Url.EncodeToString(der);
    }
}
