using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys.WindowsStore;

namespace HyprAuth.Commands;

/// <summary>
/// What the cmdlets that store and delete a client key in Windows key storage share: a refusal before any prompt or
/// input where there is none, -WhatIf and -Confirm on the key's name and scope, and -PassThru.
/// </summary>
public abstract class HyprStoredKeyCmdlet : HyprCmdlet
{
    // Abstract, so that each cmdlet declares its own parameter attributes: only Remove-HyprClientKey binds them from the pipeline.
    public abstract string Name { get; set; }

    public abstract HyprKeyScope Scope { get; set; }

    /// <summary>Write the key (name, scope, thumbprint) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>What ShouldProcess asks to do with the key, e.g. "Delete the client key from Windows key storage".</summary>
    private protected abstract string Action { get; }

    private protected bool LocalMachine => Scope == HyprKeyScope.LocalMachine;

    protected override void BeginProcessing()
    {
        try
        {
            WindowsKeyStore.RequireWindows();
        }
        catch (HyprKeyException refusal)
        {
            ThrowFor(refusal, Name);
        }
    }

    protected override void ProcessRecord()
    {
        string target = $"{Name} ({Scope})";
        if (ShouldProcess(target, Action))
        {
            ProcessKey(target);
        }
    }

    /// <summary>Stores or deletes the key once ShouldProcess agreed; <paramref name="target"/> names it in errors.</summary>
    private protected abstract void ProcessKey(string target);

    private protected void WritePassThru(string thumbprint)
    {
        if (PassThru)
        {
            WriteObject(new HyprStoredClientKey(Name, Scope, thumbprint));
        }
    }
}
