using HyprAuth.Core.Cache;

namespace HyprAuth;

/// <summary>
/// A runspace's connection to a HYPR tenant, made by Connect-Hypr. It names the client and where its key came from,
/// never the key or a token: the signing key stays in the process-wide token cache, reached through a handle that is
/// not public, so no view, ConvertTo-Json, Export-Clixml or ToString() can show it. Pass it with -Connection to use
/// it from another runspace of the same process (ForEach-Object -Parallel, thread jobs).
/// </summary>
public sealed class HyprConnection
{
    private readonly DateTimeOffset firstExpiry;
    private readonly string[] firstScope;

    internal HyprConnection(
        TokenBinding binding,
        string keyId,
        string keyThumbprint,
        HyprKeySource keySource,
        string? keyPath,
        HyprTokenCacheLocation tokenCache,
        CachedToken token)
    {
        Binding = binding;
        KeyId = keyId;
        KeyThumbprint = keyThumbprint;
        KeySource = keySource;
        KeyPath = keyPath;
        TokenCache = tokenCache;
        firstExpiry = token.Token.ExpiresAt;
        firstScope = token.Token.Scopes.ToArray();
        ConnectedAt = DateTimeOffset.UtcNow;
    }

    public Uri TenantUri => Binding.TenantUri;

    public string ClientId => Binding.Handle.ClientId;

    /// <summary>The kid of the client assertions (the key's RFC 7638 thumbprint unless -KeyId said otherwise).</summary>
    public string KeyId { get; }

    /// <summary>The RFC 7638 thumbprint of the client key's public half: which key this is, not the key.</summary>
    public string KeyThumbprint { get; }

    public HyprKeySource KeySource { get; }

    /// <summary>The key file, when KeySource is File.</summary>
    public string? KeyPath { get; }

    /// <summary>Process (memory only) or CurrentUser (also on disk, for this user's later processes).</summary>
    public HyprTokenCacheLocation TokenCache { get; }

    /// <summary>When the connection's current token expires; the cache renews it before then.</summary>
    public DateTimeOffset TokenExpiresOn => Current()?.ExpiresAt ?? firstExpiry;

    public string[] Scope => Current()?.Scopes.ToArray() ?? (string[])firstScope.Clone();

    public DateTimeOffset ConnectedAt { get; }

    internal TokenBinding Binding { get; }

    /// <summary>
    /// Set by Disconnect-Hypr: from then on the connection refuses every call (NoConnection), in every runspace. Volatile:
    /// read by other runspaces' threads (-Connection) after Disconnect-Hypr set it on this one.
    /// </summary>
    internal volatile bool Disconnected;

    public override string ToString() => FormattableString.Invariant($"{ClientId} at {TenantUri}");

    // The cache entry's token as it is now (renewed since Connect-Hypr, perhaps); null once the entry is gone.
    private TokenCacheEntryInfo? Current() =>
        Core.Cache.TokenCache.Shared.List().FirstOrDefault(entry => ReferenceEquals(entry.Handle, Binding.Handle));
}
