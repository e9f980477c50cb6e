using System;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Exchange;

namespace HyprAuth.Core.Cache;

/// <summary>
/// One token exchange that any number of callers wait on (single flight). A caller that gives up stops
/// waiting at once (TokenCache.CompleteAsync); the exchange itself is cancelled only when no caller waits any more.
/// Joining and leaving happen under the cache entry's lock, so nobody joins an exchange being cancelled.
/// </summary>
internal sealed class SharedExchange
{
    private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
    private readonly FanOutEvents events = new FanOutEvents();

    /// <summary>Call under the entry's lock; <paramref name="firstListener"/> has joined before the exchange starts.</summary>
    public SharedExchange(Func<SharedExchange, IHyprEvents, CancellationToken, Task<TokenResult>> exchange, IHyprEvents firstListener,
        bool usesStore)
    {
        // Joined first: an exchange that starts at once would otherwise say its first words to nobody.
        Join(firstListener);
        UsesStore = usesStore;

        // Started on the thread pool so that no caller's synchronization context or lock runs it.
        Completion = Task.Run(() => exchange(this, events, cancellation.Token));
    }

    public Task<TokenResult> Completion { get; }

    /// <summary>The exchange goes through the persistent store, which keeps its token for later processes.</summary>
    public bool UsesStore { get; }

    /// <summary>Set by the exchange before it completes: the token was read from the persistent store, not exchanged.</summary>
    public bool FromStore { get; set; }

    /// <summary>Call under the entry's lock.</summary>
    public void Join(IHyprEvents listener) => events.Add(listener);

    /// <summary>Call under the entry's lock; true when this was the last waiter of an unfinished exchange (it is then cancelled).</summary>
    public bool Leave(IHyprEvents listener)
    {
        if (events.Remove(listener) > 0 || Completion.IsCompleted)
        {
            return false;
        }

        cancellation.Cancel();
        return true;
    }
}
