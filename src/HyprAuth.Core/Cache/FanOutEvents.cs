using System;
using System.Collections.Generic;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Core.Cache;

/// <summary>Passes a shared exchange's events to every caller waiting on it at that moment.</summary>
internal sealed class FanOutEvents : IHyprEvents
{
    private readonly object gate = new object();
    private readonly List<IHyprEvents> listeners = new List<IHyprEvents>();

    public void Add(IHyprEvents listener)
    {
        lock (gate)
        {
            listeners.Add(listener);
        }
    }

    /// <summary>Returns how many listeners are left.</summary>
    public int Remove(IHyprEvents listener)
    {
        lock (gate)
        {
            listeners.Remove(listener);
            return listeners.Count;
        }
    }

    public void Verbose(string message) => Each(listener => listener.Verbose(message));

    public void Warning(string message) => Each(listener => listener.Warning(message));

    public void Progress(HyprProgress progress) => Each(listener => listener.Progress(progress));

    // To a copy taken under the lock: a listener that joins or leaves meanwhile does not break the loop.
    private void Each(Action<IHyprEvents> send)
    {
        IHyprEvents[] snapshot;
        lock (gate)
        {
            snapshot = listeners.ToArray();
        }

        foreach (var listener in snapshot)
        {
            send(listener);
        }
    }
}
