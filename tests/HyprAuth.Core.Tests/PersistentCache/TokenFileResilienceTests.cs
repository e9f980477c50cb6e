using System;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.PersistentCache;

/// <summary>Whatever state the file is in, the next caller gets a token: damage is discarded with a warning and rebuilt.</summary>
public sealed class TokenFileResilienceTests
{
    [Theory]
    [InlineData("garbage")]
    [InlineData("empty")]
    [InlineData("truncated")]
    [InlineData("tampered")]
    [InlineData("unknown-version")]
    [InlineData("foreign-protection")]
    [InlineData("another-credential")]
    public async Task A_damaged_file_is_discarded_with_a_warning_and_rebuilt(string damage)
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();
        var other = tenant.CreateClient();
        tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, tenant.Events,
            CancellationToken.None));
        var path = folder.TokenFile;
        if (damage == "another-credential")
        {
            tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, other), false, tenant.Events,
                CancellationToken.None));
        }

        Damage(path, damage);
        var events = new RecordingEvents();

        var rebuilt =
            tenant.Remember(await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, events,
            CancellationToken.None));
        var reread = await folder.NewCache(tenant).GetTokenAsync(StoreFolder.Request(tenant, client), false, events, CancellationToken.None);

        Assert.False(rebuilt.FromCache);
        var warning = Assert.Single(events.Warnings);
        Assert.Contains(path, warning);
        Assert.Contains("discarded", warning);
        Assert.True(reread.FromCache);
        Assert.Equal(rebuilt.Token.AccessToken, reread.Token.AccessToken);
        Assert.Equal(2, tenant.Exchanges(client));
        SecretAssert.NoneIn(tenant.Secrets, events.AllText);
    }

    private static void Damage(string path, string damage)
    {
        switch (damage)
        {
            case "garbage":
                File.WriteAllBytes(path, new byte[] { 0xFF, 0x00, 0x7B, 0x22 });
                break;
            case "empty":
                File.WriteAllBytes(path, Array.Empty<byte>());
                break;
            case "truncated":
                var bytes = File.ReadAllBytes(path);
                File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
                break;
            case "tampered":
                // A changed payload with its checksum left as it was: the file mode protects no integrity by itself.
                var payload = StoreFolder.ReadPayload(path);
                payload[payload.Length / 2] ^= 0x20;
                Rewrite(path, envelope => envelope["payload"] = Convert.ToBase64String(payload));
                break;
            case "unknown-version":
                Rewrite(path, envelope => envelope["version"] = 2);
                break;
            case "foreign-protection":
                Rewrite(path, envelope => envelope["protection"] = "rot13");
                break;
            case "another-credential":
                var foreign = Array.Find(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.token"), file => file != path)!;
                File.Copy(foreign, path, overwrite: true);
                break;
        }
    }

    private static void Rewrite(string path, Action<JsonObject> edit)
    {
        var envelope = StoreFolder.ReadEnvelope(path);
        edit(envelope);
        File.WriteAllText(path, envelope.ToJsonString(), new UTF8Encoding(false));
    }
}
