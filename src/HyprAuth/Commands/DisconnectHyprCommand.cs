using HyprAuth.Core.Cache;
using HyprAuth.Core.Cache.Persistent;

namespace HyprAuth.Commands;

/// <summary>
/// Ends a connection: the runspace forgets it, every runspace holding it gets NoConnection from then on, and the
/// client's tokens and key leave the process-wide cache and, when the connection used it, the current user's
/// persistent cache. Quiet unless -PassThru; nothing to do when there is no connection.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "Hypr", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(HyprConnection))]
public sealed class DisconnectHyprCommand : HyprCmdlet
{
    /// <summary>The connection to end; the runspace's own by default.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNull]
    public HyprConnection? Connection { get; set; }

    /// <summary>Write the connection that was ended (to log which client was disconnected).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        HyprConnection? connection = Connection ?? RunspaceConnections.Get();
        if (connection is null)
        {
            WriteVerbose("There is no HYPR connection in this session; nothing to disconnect.");
            return;
        }

        string where = connection.TokenCache == HyprTokenCacheLocation.CurrentUser ? "memory and disk" : "memory";
        if (!ShouldProcess(connection.ToString(), $"Disconnect, removing the client's cached tokens and key from {where}"))
        {
            return;
        }

        connection.Disconnected = true;
        RunspaceConnections.Remove(connection);
        TokenCacheHandle handle = connection.Binding.Handle;
        int removed = TokenCache.Shared.Clear(h => SameClient(h.TokenEndpoint, h.ClientId, handle));
        WriteVerbose($"Removed {removed} cache entr{(removed == 1 ? "y" : "ies")} of {connection} from memory.");
        try
        {
            if (connection.TokenCache == HyprTokenCacheLocation.CurrentUser)
            {
                PersistentTokenStore store = TokenCache.Shared.PersistentStore;
                int onDisk =
                    RunEngine((events, cancellation) => store.ClearAsync(e => SameClient(e.TokenEndpoint, e.ClientId, handle), events, cancellation));
                WriteVerbose($"Removed {onDisk} entr{(onDisk == 1 ? "y" : "ies")} of {connection} from the persistent cache.");
            }
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            ThrowFor(exception, connection.ToString());
        }

        if (PassThru)
        {
            WriteObject(connection);
        }
    }

    private static bool SameClient(Uri tokenEndpoint, string clientId, TokenCacheHandle handle) =>
        tokenEndpoint == handle.TokenEndpoint && string.Equals(clientId, handle.ClientId, StringComparison.Ordinal);
}
