namespace HyprAuth.Core.Diagnostics;

/// <summary>Discards every event; for callers that do not listen.</summary>
public sealed class NullHyprEvents : IHyprEvents
{
    public static readonly NullHyprEvents Instance = new NullHyprEvents();

    private NullHyprEvents()
    {
    }

    public void Verbose(string message)
    {
    }

    public void Warning(string message)
    {
    }

    public void Progress(HyprProgress progress)
    {
    }
}
