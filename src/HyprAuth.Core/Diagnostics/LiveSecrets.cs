using System;
using System.Collections.Generic;

namespace HyprAuth.Core.Diagnostics;

/// <summary>
/// The access tokens alive in this process, held by weak references, so <see cref="SecretRedactor"/> removes them
/// from server text even where the caller did not name them: a token endpoint's error body that echoes a token
/// the cache holds, or an API's that echoes another client's. Holding them weakly adds nothing to how long a token
/// stays in memory: once the cache and the caller drop a token, it drops out of here too.
/// </summary>
internal static class LiveSecrets
{
    /// <summary>Shorter values would be removed from unrelated text; no real token is this short.</summary>
    private const int MinimumLength = 16;

    /// <summary>A bound on the list when tokens are minted faster than the garbage collector runs (-Force in a loop).</summary>
    private const int MaximumCount = 4096;

    private static readonly object Gate = new object();
    private static readonly List<WeakReference<string>> Secrets = new List<WeakReference<string>>();

    public static void Add(string? secret)
    {
        if (secret == null || secret.Length < MinimumLength)
        {
            return;
        }

        lock (Gate)
        {
            Secrets.RemoveAll(reference => !reference.TryGetTarget(out _));
            if (Secrets.Count >= MaximumCount)
            {
                Secrets.RemoveAt(0);
            }

            Secrets.Add(new WeakReference<string>(secret));
        }
    }

    public static List<string> Snapshot()
    {
        var alive = new List<string>();
        lock (Gate)
        {
            foreach (var reference in Secrets)
            {
                if (reference.TryGetTarget(out var secret))
                {
                    alive.Add(secret);
                }
            }
        }

        return alive;
    }
}
