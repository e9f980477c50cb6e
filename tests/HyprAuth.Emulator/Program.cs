using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Emulator;

// CLI: serve (default) or new-client. See README.md.
const string DefaultRegistry = "clients.json";
const string Usage = """
    usage: HyprAuth.Emulator [--registry clients.json] [--port N] [--tls ca.pem [--tls-host NAME]]
           HyprAuth.Emulator new-client [--registry clients.json] [--client-id ID] [--scopes "a b"] [--ttl 3600]

    Both use ./clients.json unless --registry names another file. The server reads it at start-up (if it exists) and
    again when a client id is unknown, so a client made with new-client while it runs is found. A client can also be
    created on a running emulator: POST /_emulator/clients with {} answers its clientId and clientKey.
    The server prints its base URL on the first line and stops when its standard input closes (Ctrl+C too).
    """;
if (args.Length > 0 && args[0] is "--help" or "-h" or "-?" or "help")
{
    Console.Out.WriteLine(Usage);
    return 0;
}

try
{
    return args.FirstOrDefault() == "new-client" ? NewClient(ParseOptions(args[1..])) : await ServeAsync(ParseOptions(args));
}
catch (Exception exception) when (exception is ArgumentException or IOException or JsonException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

static async Task<int> ServeAsync(Dictionary<string, string> options)
{
    RequireOnly(options, "--registry", "--port", "--tls", "--tls-host");
    if (options.ContainsKey("--tls-host") && !options.ContainsKey("--tls"))
    {
        throw new ArgumentException("--tls-host needs --tls");
    }

    // HTTPS with a throwaway CA made now; its certificate (never a key) goes to the --tls path, for clients to trust.
    using EmulatorTls? tls = options.TryGetValue("--tls", out string? authorityPath)
        ? EmulatorTls.Create(options.GetValueOrDefault("--tls-host")) : null;
    tls?.WriteAuthorityPem(authorityPath!);

    // The same default file as new-client, so a client made there is known here; only an explicit file must exist.
    await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions
    {
        RegistryPath = options.GetValueOrDefault("--registry") ?? DefaultRegistry,
        RegistryMayBeMissing = !options.ContainsKey("--registry"),
        Port = options.TryGetValue("--port", out string? port) ? int.Parse(port, CultureInfo.InvariantCulture) : 0,
        Tls = tls,
    });

    // Registered before the URL is printed: a caller may signal as soon as it has read it.
    using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    new Thread(() => StopAtEndOfInput(host)) { IsBackground = true, Name = "stdin watcher" }.Start();

    // The first stdout line is the contract with scripts; nothing else goes to stdout.
    Console.Out.WriteLine(host.BaseUri.GetLeftPart(UriPartial.Authority));
    Console.Out.Flush();
    await host.WaitForShutdownAsync();
    return 0;

    void Stop(PosixSignalContext context)
    {
        context.Cancel = true; // stop through the host, so `await using` runs and the port is released
        host.Stop();
    }
}

// A parent that dies closes our stdin pipe: stopping at EOF means no emulator is ever left behind.
static void StopAtEndOfInput(EmulatorHost host)
{
    using Stream input = Console.OpenStandardInput();
    byte[] buffer = new byte[256];
    while (input.Read(buffer, 0, buffer.Length) > 0)
    {
    }

    host.Stop();
}

static int NewClient(Dictionary<string, string> options)
{
    RequireOnly(options, "--registry", "--client-id", "--scopes", "--ttl");
    string path = options.GetValueOrDefault("--registry") ?? DefaultRegistry;
    ClientRegistry registry = new();
    if (File.Exists(path))
    {
        foreach (EmulatorClient existing in ClientRegistry.ReadFile(path))
        {
            registry.Add(existing);
        }
    }

    RegisteredClient client = registry.Create(new ClientSpec
    {
        ClientId = options.GetValueOrDefault("--client-id"),
        Scopes = options.TryGetValue("--scopes", out string? scopes) ? scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries) : null,
        TokenTtlSeconds = options.TryGetValue("--ttl", out string? ttl) ? int.Parse(ttl, CultureInfo.InvariantCulture) : null,
    });
    ClientRegistry.WriteFile(path, registry.Clients);

    // As Control Center shows them; the private key is stored nowhere else.
    Console.Out.WriteLine($"Client Id: {client.ClientId}");
    Console.Out.WriteLine($"Client key: {client.ClientKey}");
    Console.Error.WriteLine($"Key id {client.KeyId} saved (public key only) to {Path.GetFullPath(path)}");
    return 0;
}

static Dictionary<string, string> ParseOptions(string[] args)
{
    Dictionary<string, string> options = new(StringComparer.Ordinal);
    for (int i = 0; i < args.Length; i += 2)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
        {
            throw new ArgumentException($"expected --option value, got '{args[i]}'");
        }

        options[args[i]] = args[i + 1];
    }

    return options;
}

static void RequireOnly(Dictionary<string, string> options, params string[] known)
{
    string? unknown = options.Keys.FirstOrDefault(key => !known.Contains(key));
    if (unknown is not null)
    {
        throw new ArgumentException($"unknown option {unknown}");
    }
}
