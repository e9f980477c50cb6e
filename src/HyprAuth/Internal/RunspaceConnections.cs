using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace HyprAuth.Internal;

/// <summary>
/// The connection of the most recent Connect-Hypr, per runspace: the API cmdlets without -Connection use it. Never
/// shared between runspaces, which may belong to different users in one host process; -Connection passes one on purpose.
/// </summary>
internal static class RunspaceConnections
{
    private static readonly ConditionalWeakTable<Runspace, HyprConnection> Connections = new ConditionalWeakTable<Runspace, HyprConnection>();

    internal static void Set(HyprConnection connection)
    {
        Runspace runspace = Runspace.DefaultRunspace;
        Connections.Remove(runspace);
        Connections.Add(runspace, connection);
    }

    internal static HyprConnection? Get() =>
        Connections.TryGetValue(Runspace.DefaultRunspace, out HyprConnection? connection) ? connection : null;

    /// <summary>Forgets the runspace's connection if it is <paramref name="connection"/>.</summary>
    internal static void Remove(HyprConnection connection)
    {
        if (ReferenceEquals(Get(), connection))
        {
            Connections.Remove(Runspace.DefaultRunspace);
        }
    }
}
