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

    public void Remove(IHyprEvents listener)
    {
        lock (gate)
        {
            listeners.Remove(listener);
        }
    }

    public void Verbose(string message)
    {
        foreach (var listener in Snapshot())
        {
            listener.Verbose(message);
        }
    }

    public void Warning(string message)
    {
        foreach (var listener in Snapshot())
        {
            listener.Warning(message);
        }
    }

    public void Progress(HyprProgress progress)
    {
        foreach (var listener in Snapshot())
        {
            listener.Progress(progress);
        }
    }

    private IHyprEvents[] Snapshot()
    {
        lock (gate)
        {
            return listeners.ToArray();
        }
    }
}
