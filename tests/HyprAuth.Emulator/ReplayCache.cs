using System;
using System.Collections.Concurrent;
using System.Threading;

namespace HyprAuth.Emulator;

/// <summary>Seen assertion ids (per client), each remembered until its assertion's exp, after which the exp check refuses it anyway.</summary>
internal sealed class ReplayCache
{
    private const int PurgeEvery = 1024;
    private readonly ConcurrentDictionary<(string ClientId, string Jti), long> seen = new();
    private int addsSincePurge;

    /// <summary>True when the jti is new (and now recorded); false on a replay.</summary>
    /// <param name="forgetBeforeUnixSeconds">Entries whose exp is older than this can no longer pass the exp check.</param>
    public bool TryRecord(string clientId, string jti, long expUnixSeconds, long forgetBeforeUnixSeconds)
    {
        if (Interlocked.Increment(ref addsSincePurge) % PurgeEvery == 0)
        {
            Purge(forgetBeforeUnixSeconds);
        }

        return seen.TryAdd((clientId, jti), expUnixSeconds);
    }

    public void Clear() => seen.Clear();

    private void Purge(long forgetBeforeUnixSeconds)
    {
        foreach (var entry in seen)
        {
            if (entry.Value < forgetBeforeUnixSeconds)
            {
                seen.TryRemove(entry);
            }
        }
    }
}
