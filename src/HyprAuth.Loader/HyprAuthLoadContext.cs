using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace HyprAuth.Loader
{
    /// <summary>
    /// The private load context for HyprAuth.Core and its dependencies, so that another module's
    /// Microsoft.IdentityModel.* (Az.Accounts, Microsoft.Graph, PSResourceGet) never meets ours.
    /// </summary>
    internal sealed class HyprAuthLoadContext : AssemblyLoadContext
    {
        private readonly string dependencyDirectory;
        private readonly Dictionary<string, string> platformAssemblies;

        public HyprAuthLoadContext(string dependencyDirectory)
            : base("HyprAuth", isCollectible: false)
        {
            this.dependencyDirectory = dependencyDirectory;
            platformAssemblies = ReadPlatformAssemblyNames();
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is null)
            {
                return null;
            }

            // Assemblies the runtime or PowerShell already provide (System.Text.Json, System.Memory...) come from the
            // default context, as long as its version is the one asked for or newer: a second copy of a framework
            // assembly would split its types in two. An older one (System.Formats.Asn1 8.0 on .NET 8, where a
            // dependency wants 10.0) would fail at run time, so then our copy is loaded here.
            string path = Path.Combine(this.dependencyDirectory, assemblyName.Name + ".dll");
            if (platformAssemblies.TryGetValue(assemblyName.Name, out string? platformPath) &&
                (assemblyName.Version is null || AssemblyName.GetAssemblyName(platformPath).Version >= assemblyName.Version || !File.Exists(path)))
            {
                return null;
            }

            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
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
}
