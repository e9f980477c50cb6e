using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace HyprAuth.Internal
{
    /// <summary>
    /// The connection of the most recent Get-HyprAccessToken, per runspace: Invoke-HyprApi without -AccessToken uses
    /// it. Never shared between runspaces, which may belong to different users in one host process.
    /// </summary>
    internal static class RunspaceConnections
    {
        private static readonly ConditionalWeakTable<Runspace, HyprConnection> s_connections = new ConditionalWeakTable<Runspace, HyprConnection>();

        internal static void Set(HyprConnection connection)
        {
            Runspace runspace = Runspace.DefaultRunspace;
            s_connections.Remove(runspace);
            s_connections.Add(runspace, connection);
        }

        internal static HyprConnection? Get() =>
            s_connections.TryGetValue(Runspace.DefaultRunspace, out HyprConnection? connection) ? connection : null;
    }
}
