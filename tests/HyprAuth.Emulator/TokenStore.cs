using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace HyprAuth.Emulator;

/// <summary>An access token the emulator issued.</summary>
internal sealed class IssuedToken
{
    private volatile bool revoked;

    public required string Value { get; init; }
    public required EmulatorClient Client { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool Revoked => revoked;

    public void Revoke() => revoked = true;

    public bool IsActive(DateTimeOffset now) => !revoked && now < ExpiresAt;
}

/// <summary>Issued tokens, and the per-client count of active ones that HYPR throttles on.</summary>
internal sealed class TokenStore
{
    // Every token stays looked-up-able so a request can be told "revoked" or "expired" rather than "unknown".
    private readonly ConcurrentDictionary<string, IssuedToken> byValue = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<IssuedToken>> activeByClient = new(StringComparer.Ordinal);

    public bool TryGet(string value, out IssuedToken token) => byValue.TryGetValue(value, out token!);

    /// <summary>Issues a token unless the client already holds its maximum of active ones; check and issue are atomic.</summary>
    public IssuedToken? TryIssue(EmulatorClient client, DateTimeOffset now)
    {
        List<IssuedToken> active = activeByClient.GetOrAdd(client.ClientId, static _ => []);
        lock (active)
        {
            active.RemoveAll(token => !token.IsActive(now));
            if (active.Count >= client.MaxActiveTokens)
            {
                return null;
            }

            IssuedToken issued = new()
            {
                Value = "hypap-" + Guid.NewGuid().ToString(),
                Client = client,
                ExpiresAt = now.AddSeconds(client.TokenTtlSeconds),
            };
            active.Add(issued);
            byValue[issued.Value] = issued;
            return issued;
        }
    }

    public bool Revoke(string value)
    {
        if (!byValue.TryGetValue(value, out IssuedToken? token))
        {
            return false;
        }

        token.Revoke();
        return true;
    }

    public int RevokeClient(string clientId, DateTimeOffset now)
    {
        if (!activeByClient.TryGetValue(clientId, out List<IssuedToken>? active))
        {
            return 0;
        }

        lock (active)
        {
            int count = active.Count(token => token.IsActive(now));
            active.ForEach(token => token.Revoke());
            active.Clear();
            return count;
        }
    }

    public IReadOnlyDictionary<string, long> ActiveCounts(DateTimeOffset now) =>
        activeByClient.ToDictionary(
            pair => pair.Key,
            pair =>
            {
                lock (pair.Value)
                {
                    return (long)pair.Value.Count(token => token.IsActive(now));
                }
            },
            StringComparer.Ordinal);

    public void Clear()
    {
        byValue.Clear();
        activeByClient.Clear();
    }
}
