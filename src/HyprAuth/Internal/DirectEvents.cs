using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Internal;

/// <summary>Engine events for work done on the pipeline thread itself (no task to pump), written straight away.</summary>
internal sealed class DirectEvents(Cmdlet cmdlet) : IHyprEvents
{
    public void Verbose(string message) => cmdlet.WriteVerbose(message);

    public void Warning(string message) => cmdlet.WriteWarning(message);

    /// <summary>Listing the caches reports no progress; nothing to show.</summary>
    public void Progress(HyprProgress progress)
    {
    }
}
