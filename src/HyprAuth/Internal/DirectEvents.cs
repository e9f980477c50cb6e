using System.Management.Automation;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Internal;

/// <summary>Engine events for work done on the pipeline thread itself (no task to pump), written straight away.</summary>
internal sealed class DirectEvents : IHyprEvents
{
    private readonly Cmdlet cmdlet;

    internal DirectEvents(Cmdlet cmdlet)
    {
        this.cmdlet = cmdlet;
    }

    public void Verbose(string message) => this.cmdlet.WriteVerbose(message);

    public void Warning(string message) => this.cmdlet.WriteWarning(message);

    /// <summary>Listing the caches reports no progress; nothing to show.</summary>
    public void Progress(HyprProgress progress)
    {
    }
}
