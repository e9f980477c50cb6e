using System;

namespace HyprAuth.Core.Cache;

/// <summary>
/// The token a caller already holds for a cache entry (a HyprAccessToken object): after the entry is cleared it is
/// still good until it expires, only no longer renewable. The value is read only when it is needed.
/// </summary>
public sealed class HeldToken(DateTimeOffset expiresAt, Func<string> readValue)
{
    private readonly Func<string> readValue = readValue ?? throw new ArgumentNullException(nameof(readValue));

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    internal string ReadValue() => readValue();
}
