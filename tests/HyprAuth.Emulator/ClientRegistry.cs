using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace HyprAuth.Emulator;

/// <summary>The tenant's OAuth clients, keyed by client id.</summary>
public sealed class ClientRegistry
{
    private readonly ConcurrentDictionary<string, EmulatorClient> clients = new(StringComparer.Ordinal);
    private readonly object reloadGate = new();
    private DateTime backingFileWrittenAt;

    public IReadOnlyCollection<EmulatorClient> Clients => clients.Values.ToArray();

    /// <summary>The registry file new-client writes; read at start-up and again when it changes. Null: none.</summary>
    public string? BackingFile { get; set; }

    public bool TryGet(string clientId, out EmulatorClient client) => clients.TryGetValue(clientId, out client!);

    /// <summary>As <see cref="TryGet"/>, but a client id not known yet is looked for in the backing file if it changed.</summary>
    public bool TryFind(string clientId, out EmulatorClient client) =>
        TryGet(clientId, out client) || (ReloadIfChanged() && TryGet(clientId, out client));

    /// <summary>Adds (or updates) the clients of the backing file when it was written since the last read; true if it was read.</summary>
    public bool ReloadIfChanged()
    {
        lock (reloadGate)
        {
            if (BackingFile is null || !File.Exists(BackingFile))
            {
                return false;
            }

            DateTime writtenAt = File.GetLastWriteTimeUtc(BackingFile);
            if (writtenAt == backingFileWrittenAt)
            {
                return false;
            }

            foreach (EmulatorClient client in ReadFile(BackingFile))
            {
                Add(client);
            }

            backingFileWrittenAt = writtenAt;
            return true;
        }
    }

    public void Add(EmulatorClient client) => clients[client.ClientId] = client;

    /// <summary>
    /// Creates a client with a fresh key pair. An existing client id gets an additional key (rotation),
    /// and the spec's non-null members replace that client's settings.
    /// </summary>
    public RegisteredClient Create(ClientSpec? spec = null)
    {
        spec ??= new ClientSpec();
        (EcPublicJwk jwk, string clientKey) = ClientKeyMaterial.CreateKeyPair();
        string clientId = spec.ClientId ?? "hypap-" + Guid.NewGuid().ToString("N");
        EmulatorClient client = clients.AddOrUpdate(
            clientId,
            static (id, args) => Apply(args.spec, new EmulatorClient { ClientId = id, Keys = [args.jwk] }),
            static (_, existing, args) => Apply(args.spec, existing with { Keys = [.. existing.Keys, args.jwk] }),
            (spec, jwk));
        return new RegisteredClient
        {
            ClientId = client.ClientId,
            ClientKey = clientKey,
            KeyId = jwk.Kid,
            PublicJwk = jwk,
            Scopes = client.Scopes,
            RpAppIds = client.RpAppIds,
            TokenTtlSeconds = client.TokenTtlSeconds,
            MaxActiveTokens = client.MaxActiveTokens,
        };
    }

    public static IReadOnlyList<EmulatorClient> ReadFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        RegistryFile file = JsonSerializer.Deserialize(stream, EmulatorJson.Default.RegistryFile)
            ?? throw new InvalidDataException($"Registry file {path} holds null.");
        return file.Clients.Select(entry => entry.ToClient()).ToArray();
    }

    public static void WriteFile(string path, IEnumerable<EmulatorClient> clients)
    {
        RegistryFile file = new() { Clients = clients.Select(RegistryEntry.FromClient).ToArray() };
        File.WriteAllText(path, JsonSerializer.Serialize(file, EmulatorJson.Indented.RegistryFile));
    }

    private static EmulatorClient Apply(ClientSpec spec, EmulatorClient client) => client with
    {
        Scopes = spec.Scopes ?? client.Scopes,
        RpAppIds = spec.RpAppIds ?? client.RpAppIds,
        TokenTtlSeconds = spec.TokenTtlSeconds ?? client.TokenTtlSeconds,
        MaxActiveTokens = spec.MaxActiveTokens ?? client.MaxActiveTokens,
    };
}

/// <summary>The registry file: <c>{"clients":[…]}</c>.</summary>
public sealed record RegistryFile
{
    public required IReadOnlyList<RegistryEntry> Clients { get; init; }
}

/// <summary>
/// A client as the file spells it. Separate from <see cref="EmulatorClient"/> because generated JSON code sets every
/// init-only member, so defaults must be applied here, for members the file leaves out.
/// </summary>
public sealed record RegistryEntry
{
    public required string ClientId { get; init; }
    public required IReadOnlyList<EcPublicJwk> Keys { get; init; }
    public IReadOnlyList<string>? RpAppIds { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
    public int? TokenTtlSeconds { get; init; }
    public int? MaxActiveTokens { get; init; }

    public static RegistryEntry FromClient(EmulatorClient client) => new()
    {
        ClientId = client.ClientId,
        Keys = client.Keys,
        RpAppIds = client.RpAppIds,
        Scopes = client.Scopes,
        TokenTtlSeconds = client.TokenTtlSeconds,
        MaxActiveTokens = client.MaxActiveTokens,
    };

    public EmulatorClient ToClient()
    {
        EmulatorClient defaults = new() { ClientId = ClientId, Keys = Keys };
        return defaults with
        {
            RpAppIds = RpAppIds ?? defaults.RpAppIds,
            Scopes = Scopes ?? defaults.Scopes,
            TokenTtlSeconds = TokenTtlSeconds ?? defaults.TokenTtlSeconds,
            MaxActiveTokens = MaxActiveTokens ?? defaults.MaxActiveTokens,
        };
    }
}
