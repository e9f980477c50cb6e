using System.Collections.Generic;

namespace HyprAuth.Emulator;

/// <summary>What a test asks for when creating a client; null members take HYPR-like defaults.</summary>
public sealed record ClientSpec
{
    public string? ClientId { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
    public IReadOnlyList<string>? RpAppIds { get; init; }
    public int? TokenTtlSeconds { get; init; }
    public int? MaxActiveTokens { get; init; }
}

/// <summary>A registered OAuth client as the tenant knows it: public keys only.</summary>
public sealed record EmulatorClient
{
    public static readonly IReadOnlyList<string> DefaultRpAppIds = ["HYPRDefaultApplication"];
    public static readonly IReadOnlyList<string> DefaultScopes = ["hypr:rp:report", "hypr:cc:applications"];

    public required string ClientId { get; init; }

    /// <summary>Several keys allow rotation; an assertion's kid picks one.</summary>
    public required IReadOnlyList<EcPublicJwk> Keys { get; init; }

    public IReadOnlyList<string> RpAppIds { get; init; } = DefaultRpAppIds;
    public IReadOnlyList<string> Scopes { get; init; } = DefaultScopes;
    public int TokenTtlSeconds { get; init; } = 3600;
    public int MaxActiveTokens { get; init; } = 5;
}

/// <summary>A freshly created client with its private key, as Control Center shows it once at creation.</summary>
public sealed record RegisteredClient
{
    public required string ClientId { get; init; }

    /// <summary>Base64 PKCS#8 of the P-256 private key, without the optional embedded public key.</summary>
    public required string ClientKey { get; init; }

    public required string KeyId { get; init; }
    public required EcPublicJwk PublicJwk { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required IReadOnlyList<string> RpAppIds { get; init; }
    public required int TokenTtlSeconds { get; init; }
    public required int MaxActiveTokens { get; init; }
}
