using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.PersistentCache;

/// <summary>The file holds the token and nothing else secret: never the key, never an assertion, and the listing shows no secret.</summary>
public sealed class TokenFileSecretTests
{
    [Fact]
    public async Task The_file_never_holds_the_key_or_an_assertion()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        var cache = folder.NewCache(tenant);
        var first = tenant.Remember(await cache.GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events, CancellationToken.None));
        tenant.Advance(first.Token.ExpiresAt - tenant.Clock.GetUtcNow());
        var renewed = tenant.Remember(await cache.GetTokenAsync(first.Handle, null, tenant.Events, CancellationToken.None));

        var file = File.ReadAllBytes(folder.TokenFile);
        var payload = StoreFolder.ReadPayload(folder.TokenFile);
        var assertions = tenant.Wire.Assertions;
        Assert.Equal(2, assertions.Count);

        foreach (var secret in KeyForms(client.ClientKey).Concat(assertions).Concat(assertions.Select(Signature)))
        {
            Assert.False(Contains(file, secret), "The token file holds key material or an assertion.");
            Assert.False(Contains(payload, secret), "The token file's payload holds key material or an assertion.");
        }

        // The scan looks where a secret would be: where only the file mode protects it, the token itself is in the payload.
        Assert.Equal(!OperatingSystem.IsWindows(), Contains(payload, renewed.Token.AccessToken));
        if (OperatingSystem.IsWindows())
        {
            // DPAPI: the token is not readable in the file, encoded or not (runs on Windows only).
            Assert.False(Contains(file, renewed.Token.AccessToken) || Contains(payload, renewed.Token.AccessToken));
        }
    }

    [Fact]
    public async Task The_listing_shows_the_metadata_and_no_secret()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        var token = tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));

        var entry = Assert.Single(folder.Store().List(tenant.Events));

        Assert.Equal(client.ClientId, entry.ClientId);
        Assert.Equal(tenant.TokenEndpoint, entry.TokenEndpoint);
        Assert.Equal(tenant.TenantUri, entry.TenantUri);
        Assert.Equal(HyprDefaults.Audience, entry.Audience);
        Assert.Equal(token.Token.Scopes, entry.Scopes);
        Assert.Equal("Bearer", entry.TokenType);
        Assert.Equal(token.Token.ExpiresAt.ToUnixTimeMilliseconds(), entry.ExpiresAt.ToUnixTimeMilliseconds());
        Assert.Equal(folder.TokenFile, entry.Path);
        Assert.Equal(Path.GetFileNameWithoutExtension(folder.TokenFile), entry.Id);
        using (var key = HyprAuth.Core.Keys.HyprSigningKey.Import(client.ClientKey))
        {
            Assert.Equal(key.Thumbprint, entry.KeyThumbprint);
        }

        var shown = typeof(HyprAuth.Core.Cache.Persistent.PersistentTokenInfo).GetProperties().Select(property =>
            Convert.ToString(property.GetValue(entry))).Append(entry.ToString());
        SecretAssert.NoneIn(tenant.Secrets, shown);
    }

    /// <summary>The key as given, and its private scalar d raw, in base64, base64url and hex.</summary>
    private static IEnumerable<string> KeyForms(string clientKey)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(clientKey), out _);
        var d = ecdsa.ExportParameters(includePrivateParameters: true).D!;
        return new[]
        {
            clientKey,
            Encoding.Latin1.GetString(d),
            Convert.ToBase64String(d),
            TestKeys.ToBase64Url(d),
            Convert.ToHexString(d),
            Convert.ToHexString(d).ToLowerInvariant(),
        };
    }

    private static string Signature(string jwt) => jwt.Substring(jwt.LastIndexOf('.') + 1);

    private static bool Contains(byte[] haystack, string secret) =>
        haystack.AsSpan().IndexOf(Encoding.Latin1.GetBytes(secret)) >= 0;
}
