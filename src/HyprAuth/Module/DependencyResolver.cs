using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace HyprAuth.Module
{
    /// <summary>
    /// Makes HyprAuth.Core and its dependencies loadable from Dependencies/. On PowerShell 7 they go into a private
    /// AssemblyLoadContext (HyprAuth.Loader); Windows PowerShell 5.1 has no load contexts, so there an AssemblyResolve
    /// handler loads them into the one AppDomain: best effort, and a module that loaded other versions first still wins.
    /// </summary>
    internal static class DependencyResolver
    {
        private const string LoaderAssemblyFile = "HyprAuth.Loader.dll";
        private static readonly object s_gate = new object();
        private static bool s_registered;

        internal static string DependencyDirectory { get; } =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location)!, "Dependencies");

        internal static void Register()
        {
            lock (s_gate)
            {
                if (s_registered)
                {
                    return;
                }

                if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
                }
                else
                {
                    // The loader targets net8.0 and HyprAuth.dll netstandard2.0, so it is reached by reflection.
                    Assembly loader = Assembly.LoadFrom(Path.Combine(DependencyDirectory, LoaderAssemblyFile));
                    loader.GetType("HyprAuth.Loader.DependencyLoader", throwOnError: true)!
                        .GetMethod("Register", BindingFlags.Public | BindingFlags.Static)!
                        .Invoke(null, new object[] { DependencyDirectory });
                }

                s_registered = true;
            }
        }

        private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
        {
            string? name = new AssemblyName(args.Name).Name;
            if (name is null)
            {
                return null;
            }

            string path = Path.Combine(DependencyDirectory, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
