namespace HyprAuth;

/// <summary>
/// An application (rpAppId) of the tenant, as Control Center lists it. HYPR documents appID; every other member the
/// tenant sends is kept as a property under its own name.
/// </summary>
public sealed class HyprApplication
{
    internal HyprApplication(string appId) => AppId = appId;

    /// <summary>The rpAppId, as Get-HyprAuditEvent -RpAppId and the API's routes take it.</summary>
    public string AppId { get; }

    public override string ToString() => AppId;
}
