using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace HyprAuth.Module;

/// <summary>
/// Makes HyprAuth.Core and its dependencies loadable from Dependencies/. On PowerShell 7 they go into a private
/// AssemblyLoadContext (HyprAuth.Loader); Windows PowerShell 5.1 has no load contexts, so there an AssemblyResolve
/// handler loads the netstandard2.0 build from Dependencies/ itself into the one AppDomain: best effort, and a
/// module that loaded other versions first still wins.
/// </summary>
internal static class DependencyResolver
{
    // PowerShell 7's files: the loader and the net8.0 build of the engine (HyprAuth.Loader picks that or ReadyToRun/).
    private const string LoaderAssemblyFile = "net8.0/HyprAuth.Loader.dll";
    private static readonly object Gate = new();
    private static bool registered;

    internal static string DependencyDirectory { get; } =
        Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location)!, "Dependencies");

    internal static void Register()
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
            }
            else if (Environment.Version.Major < 8)
            {
                throw new PlatformNotSupportedException(
                    "HyprAuth needs PowerShell 7.4 or later (.NET 8 or later) or Windows PowerShell 5.1; this PowerShell runs on .NET "
                        + Environment.Version + ".");
            }
            else
            {
                // The loader targets net8.0 and HyprAuth.dll netstandard2.0, so it is reached by reflection.
                Assembly loader = Assembly.LoadFrom(Path.Combine(DependencyDirectory, LoaderAssemblyFile));
                loader.GetType("HyprAuth.Loader.DependencyLoader", throwOnError: true)!
                    .GetMethod("Register", BindingFlags.Public | BindingFlags.Static)!
                    .Invoke(null, new object[] { DependencyDirectory });
            }

            registered = true;
        }
    }

    private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
    {
        // Only our own assemblies are answered: another module asking for a name we happen to ship keeps its own
        // resolution. Windows PowerShell has no binding redirects for modules, so the version is not compared.
        string? requester = args.RequestingAssembly?.Location;
        string moduleBase = Path.GetDirectoryName(DependencyDirectory)!;
        string? name = new AssemblyName(args.Name).Name;
        if (name is null || requester is null || !requester.StartsWith(moduleBase, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string path = Path.Combine(DependencyDirectory, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
