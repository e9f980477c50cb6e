using System;
using System.Management.Automation;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys.WindowsStore;
using HyprAuth.Errors;
using HyprAuth.Internal;

namespace HyprAuth.Commands;

/// <summary>Deletes a client key stored with Import-HyprClientKey. Windows only.</summary>
[Cmdlet(VerbsCommon.Remove, "HyprClientKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(HyprStoredClientKey))]
public sealed class RemoveHyprClientKeyCommand : HyprCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public HyprKeyScope Scope { get; set; } = HyprKeyScope.CurrentUser;

    /// <summary>Write the deleted key (name, scope, thumbprint) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        StoredKeyGuard.RequireWindows(this, Name);
    }

    protected override void ProcessRecord()
    {
        string target = $"{Name} ({Scope})";
        if (!ShouldProcess(target, "Delete the client key from Windows key storage"))
        {
            return;
        }

        try
        {
            string? thumbprint = WindowsKeyStore.Delete(Name, Scope == HyprKeyScope.LocalMachine);
            if (thumbprint is null)
            {
                WriteErrorFor(new HyprKeyException(KeyErrorReason.StoredKeyNotFound,
                    $"No client key named '{Name}' is stored in {Scope}."), target);
                return;
            }

            WriteVerbose($"Deleted the client key {thumbprint} '{Name}' ({Scope}).");
            if (PassThru)
            {
                WriteObject(new HyprStoredClientKey(Name, Scope, thumbprint));
            }
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            WriteErrorFor(exception, target);
        }
    }
}
