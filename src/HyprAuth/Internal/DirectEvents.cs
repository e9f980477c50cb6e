using System.Management.Automation;
using HyprAuth.Core.Diagnostics;

namespace HyprAuth.Internal
{
    /// <summary>Engine events for work done on the pipeline thread itself (no task to pump), written straight away.</summary>
    internal sealed class DirectEvents : IHyprEvents
    {
        private readonly Cmdlet _cmdlet;

        internal DirectEvents(Cmdlet cmdlet)
        {
            _cmdlet = cmdlet;
        }

        public void Verbose(string message) => _cmdlet.WriteVerbose(message);

        public void Warning(string message) => _cmdlet.WriteWarning(message);

        /// <summary>Listing the caches reports no progress; nothing to show.</summary>
        public void Progress(HyprProgress progress)
        {
        }
    }
}
