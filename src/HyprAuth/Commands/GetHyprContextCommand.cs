namespace HyprAuth.Commands;

/// <summary>The runspace's connection from Connect-Hypr, or nothing (and no error) when there is none.</summary>
[Cmdlet(VerbsCommon.Get, "HyprContext")]
[OutputType(typeof(HyprConnection))]
public sealed class GetHyprContextCommand : PSCmdlet
{
    protected override void ProcessRecord()
    {
        if (RunspaceConnections.Get() is HyprConnection connection)
        {
            WriteObject(connection);
        }
    }
}
