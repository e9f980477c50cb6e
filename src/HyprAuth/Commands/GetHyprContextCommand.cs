using System.Management.Automation;
using HyprAuth.Internal;

namespace HyprAuth.Commands;

/// <summary>The runspace's connection from Connect-Hypr, or nothing (and no error) when there is none.</summary>
[Cmdlet(VerbsCommon.Get, "HyprContext")]
[OutputType(typeof(HyprConnection))]
public sealed class GetHyprContextCommand : PSCmdlet
{
    protected override void ProcessRecord()
    {
        HyprConnection? connection = RunspaceConnections.Get();
        if (connection is not null)
        {
            WriteObject(connection);
        }
    }
}
