using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys.WindowsStore;

namespace HyprAuth.Commands;

/// <summary>Deletes a client key stored with Import-HyprClientKey. Windows only.</summary>
[Cmdlet(VerbsCommon.Remove, "HyprClientKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(HyprStoredClientKey))]
public sealed class RemoveHyprClientKeyCommand : HyprStoredKeyCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public override string Name { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public override HyprKeyScope Scope { get; set; } = HyprKeyScope.CurrentUser;

    private protected override string Action => "Delete the client key from Windows key storage";

    private protected override void ProcessKey(string target)
    {
        try
        {
            string? thumbprint = WindowsKeyStore.Delete(Name, LocalMachine);
            if (thumbprint is null)
            {
                WriteErrorFor(new HyprKeyException(KeyErrorReason.StoredKeyNotFound,
                    $"No client key named '{Name}' is stored in {Scope}."), target);
                return;
            }

            WriteVerbose($"Deleted the client key {thumbprint} '{Name}' ({Scope}).");
            WritePassThru(thumbprint);
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            WriteErrorFor(exception, target);
        }
    }
}
