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
        private readonly string _dependencyDirectory;
        private readonly HashSet<string> _platformAssemblies;

        public HyprAuthLoadContext(string dependencyDirectory)
            : base("HyprAuth", isCollectible: false)
        {
            _dependencyDirectory = dependencyDirectory;
            _platformAssemblies = ReadPlatformAssemblyNames();
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Assemblies the runtime or PowerShell already provide (System.Text.Json, System.Memory...) come from the
            // default context: a second copy of a framework assembly would split its types in two.
            if (assemblyName.Name is null || _platformAssemblies.Contains(assemblyName.Name))
            {
                return null;
            }

            string path = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private static HashSet<string> ReadPlatformAssemblyNames()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (string path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    names.Add(Path.GetFileNameWithoutExtension(path));
                }
            }

            return names;
        }
    }
}
