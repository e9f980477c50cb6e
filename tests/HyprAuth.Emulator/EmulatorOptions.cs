namespace HyprAuth.Emulator;

/// <summary>How to start an emulator.</summary>
public sealed record EmulatorOptions
{
    /// <summary>
    /// Registry JSON file to load clients from at start-up, and again when a client id is not known (so a client
    /// made with new-client while the emulator runs is found); it may not exist yet. Null: no file, no clients.
    /// </summary>
    public string? RegistryPath { get; init; }

    /// <summary>False: a missing <see cref="RegistryPath"/> is an error at start-up (an explicit --registry).</summary>
    public bool RegistryMayBeMissing { get; init; }

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with this certificate (see <see cref="EmulatorTls"/>); null serves plain HTTP.</summary>
    public EmulatorTls? Tls { get; init; }

    /// <summary>Settings at start-up and after every reset.</summary>
    public EmulatorSettings Settings { get; init; } = new();
}
