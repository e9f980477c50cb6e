using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Cache.Persistent;
using HyprAuth.Core.Tests.TestSupport;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Core.Tests.PersistentCache;

/// <summary>Which file a token goes to: one per credential and assertion claims; session tokens too, once asked for.</summary>
public sealed class PersistentCacheKeyTests
{
    [Fact]
    public async Task A_session_token_is_written_when_the_same_credential_then_asks_for_the_persistent_cache()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        var cache = folder.NewCache(tenant);
        var session = tenant.Remember(await cache.GetTokenAsync(tenant.Request(client), false, tenant.Events, CancellationToken.None));
        Assert.Empty(folder.TokenFiles);

        var persistent = await cache.GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events, CancellationToken.None);
        var nextProcess =
            await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events, CancellationToken.None);

        Assert.True(persistent.FromCache);
        Assert.Same(session.Token, persistent.Token);
        Assert.Single(folder.TokenFiles);
        Assert.True(nextProcess.FromCache);
        Assert.Equal(session.Token.AccessToken, nextProcess.Token.AccessToken);
        Assert.Equal(1, tenant.Exchanges(client));
        Assert.Empty(tenant.Events.Warnings);
    }

    [Fact]
    public async Task Credentials_differing_in_grant_type_have_files_of_their_own()
    {
        await using var tenant =
            await TestTenant.StartAsync(new EmulatorSettings { AcceptedGrantTypes = ["authorization_code", "client_credentials"] });
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        var hypr = tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));

        var other = StoreFolder.Request(tenant, client);
        other.GrantType = "client_credentials";
        var otherToken = tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(other, false, tenant.Events, CancellationToken.None));

        Assert.False(otherToken.FromCache);
        Assert.NotEqual(hypr.Token.AccessToken, otherToken.Token.AccessToken);
        Assert.Equal(2, folder.TokenFiles.Length);
    }

    [Fact]
    public async Task A_file_from_before_the_assertion_claims_were_recorded_is_listed_but_never_handed_out()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        var oldFile = Path.Combine(folder.Path, new string('0', 32) + TokenStorePaths.TokenExtension);
        WriteAsOlderVersion(folder.TokenFile, oldFile);

        var events = new RecordingEvents();
        var fresh = tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, events,
            CancellationToken.None));
        var listed = folder.Store().List(events);

        Assert.False(fresh.FromCache);
        Assert.Equal(2, listed.Count);
        Assert.All(listed, info => Assert.Equal(client.ClientId, info.ClientId));
        Assert.Empty(events.Warnings);
    }

    /// <summary>Moves the entry to another name with the payload members of the first file format only.</summary>
    private static void WriteAsOlderVersion(string path, string oldPath)
    {
        var payload = JsonNode.Parse(TokenProtection.Unprotect(StoreFolder.ReadPayload(path)))!.AsObject();
        foreach (var member in new[] { "issuer", "keyId", "grantType" })
        {
            Assert.True(payload.Remove(member));
        }

        var protectedPayload = TokenProtection.Protect(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var envelope = StoreFolder.ReadEnvelope(path);
        envelope["payload"] = Convert.ToBase64String(protectedPayload);
        envelope["sha256"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(protectedPayload));
        StoreFolder.WriteOwnerOnly(oldPath, envelope.ToJsonString());
        File.Delete(path);
    }
}
