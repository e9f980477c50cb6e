namespace HyprAuth.Module;

/// <summary>Runs on Import-Module, before any cmdlet touches the engine.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    public void OnImport() => DependencyResolver.Register();
}
