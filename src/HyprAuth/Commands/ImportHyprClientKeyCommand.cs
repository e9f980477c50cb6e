using HyprAuth.Core.Keys;
using HyprAuth.Core.Keys.WindowsStore;

namespace HyprAuth.Commands;

/// <summary>
/// Stores a client key in Windows key storage (CNG) under a name, not exportable, usable only by its owner and the
/// accounts granted access: a scheduled task then signs with -KeyName and needs no key file. Windows only.
/// </summary>
[Cmdlet(VerbsData.Import, "HyprClientKey", DefaultParameterSetName = ClientKeySet, SupportsShouldProcess = true)]
[OutputType(typeof(HyprStoredClientKey))]
public sealed class ImportHyprClientKeyCommand : HyprStoredKeyCmdlet
{
    private const string ClientKeySet = "ClientKey";
    private const string KeyPathSet = "KeyPath";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public override string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ClientKeySet)]
    public object? ClientKey { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = KeyPathSet)]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    [Parameter]
    public override HyprKeyScope Scope { get; set; } = HyprKeyScope.CurrentUser;

    /// <summary>Accounts that may sign with the key besides its owner, e.g. DOMAIN\svc-hypr$ (a gMSA).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] GrantAccess { get; set; } = Array.Empty<string>();

    private protected override string Action => "Store the client key in Windows key storage";

    private protected override void ProcessKey(string target)
    {
        try
        {
            string? keyPath = KeyPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyPath);
            using HyprSigningKey key = KeyMaterial.Import(ClientKey, keyPath, this);
            WindowsKeyStore.Import(Name, key, LocalMachine, GrantAccess);
            WriteVerbose($"Stored the client key {key.Thumbprint} as '{Name}' ({Scope}); granted: " +
                $"{(GrantAccess.Length == 0 ? "its owner only" : "its owner, " + string.Join(", ", GrantAccess))}.");
            WritePassThru(key.Thumbprint);
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            ThrowFor(exception, target);
        }
    }
}
