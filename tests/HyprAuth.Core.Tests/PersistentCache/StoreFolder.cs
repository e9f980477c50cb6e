using System;
using System.IO;
using System.Text.Json.Nodes;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Cache.Persistent;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Tests.TestSupport;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Core.Tests.PersistentCache;

/// <summary>A temporary folder of one test's own, with the store's folder inside it (not yet created: the store makes it 0700).</summary>
internal sealed class StoreFolder : IDisposable
{
    private readonly string root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hyprauth-store-" + Guid.NewGuid().ToString("N"));

    public StoreFolder()
    {
        Directory.CreateDirectory(root);
        Path = System.IO.Path.Combine(root, "HyprAuth");
    }

    public string Path { get; }

    public string[] TokenFiles => Directory.Exists(Path) ? Directory.GetFiles(Path, "*.token") : Array.Empty<string>();

    public string TokenFile => Assert.Single(TokenFiles);

    public PersistentTokenStore Store() => new PersistentTokenStore(Path);

    /// <summary>A cache as a new process would have it: empty memory, this folder on disk.</summary>
    public TokenCache NewCache(TestTenant tenant) => new TokenCache(tenant.TokenClient, tenant.Clock, Store());

    public static TokenRequest Request(TestTenant tenant, RegisteredClient client)
    {
        var request = tenant.Request(client);
        request.CacheScope = TokenCacheScope.CurrentUser;
        return request;
    }

    /// <summary>Writes a file the store will read (owner-only on Unix, as the store demands).</summary>
    public static void WriteOwnerOnly(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The JSON envelope of a token file, to edit it the way damage or an attacker would.</summary>
    public static JsonObject ReadEnvelope(string path) => JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();

    /// <summary>The payload's bytes: the entry's JSON where the file mode protects it, the DPAPI blob on Windows.</summary>
    public static byte[] ReadPayload(string path) => Convert.FromBase64String((string)ReadEnvelope(path)["payload"]!);

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file on Windows; the temp folder is cleaned eventually.
        }
    }
}
