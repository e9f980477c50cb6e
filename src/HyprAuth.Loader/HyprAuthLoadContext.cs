using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace HyprAuth.Loader;

/// <summary>
/// The private load context for HyprAuth.Core and its dependencies, so that another module's
/// Microsoft.IdentityModel.* (Az.Accounts, Microsoft.Graph, PSResourceGet) never meets ours.
/// </summary>
internal sealed class HyprAuthLoadContext(string dependencyDirectory) : AssemblyLoadContext("HyprAuth", isCollectible: false)
{
    private readonly Dictionary<string, string> platformAssemblies = ReadPlatformAssemblyNames();
    private readonly HashSet<string> shipped =
        new(Directory.EnumerateFiles(dependencyDirectory, "*.dll").Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Every framework reference of the engine asks here first: what we do not ship is the default context's,
        // answered without touching the disk (reading a file's version costs a cold process milliseconds).
        if (assemblyName.Name is not string name || !shipped.Contains(name))
        {
            return null;
        }

        // Assemblies the runtime or PowerShell already provide come from the default context, as long as its
        // version is the one asked for or newer: a second copy of a framework assembly would split its types in
        // two. An older one (System.Formats.Asn1 8.0 on .NET 8, where a dependency wants 10.0) would fail at run
        // time, so then our copy is loaded here.
        if (platformAssemblies.TryGetValue(name, out string? platformPath) &&
            (assemblyName.Version is null || AssemblyName.GetAssemblyName(platformPath).Version >= assemblyName.Version))
        {
            return null;
        }

        return LoadFromAssemblyPath(Path.Combine(dependencyDirectory, name + ".dll"));
    }

    private static Dictionary<string, string> ReadPlatformAssemblyNames()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (string path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                paths[Path.GetFileNameWithoutExtension(path)] = path;
            }
        }

        return paths;
    }
}
