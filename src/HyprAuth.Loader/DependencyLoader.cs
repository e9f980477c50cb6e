using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace HyprAuth.Loader;

/// <summary>
/// Called by HyprAuth.dll's module initializer on PowerShell 7. HyprAuth.dll lives in the default context;
/// when it first needs HyprAuth.Core, the default context cannot find it (it is in Dependencies/) and asks us.
/// </summary>
public static class DependencyLoader
{
    private const string EngineAssemblyName = "HyprAuth.Core";
    private static readonly object Gate = new();
    private static HyprAuthLoadContext? context;

    public static void Register(string dependencyDirectory)
    {
        lock (Gate)
        {
            if (context is not null)
            {
                return; // the module was imported before, perhaps in another runspace: one context per process.
            }

            context = new HyprAuthLoadContext(ChooseEngineDirectory(Path.GetFullPath(dependencyDirectory)));
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }
    }

    /// <summary>
    /// net8.0/ holds the engine's net8.0 build and its dependencies as IL; ReadyToRun/net&lt;major&gt;.0-&lt;rid&gt;/
    /// precompiled images of the same; the runtime uses their native code only on the .NET major version and
    /// platform they were compiled for, and then a fresh process skips JIT-compiling them. Anywhere else, the IL.
    /// </summary>
    private static string ChooseEngineDirectory(string dependencyDirectory)
    {
        string? os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsLinux() ? "linux" : null;
        string images = FormattableString.Invariant(
            $"net{Environment.Version.Major}.0-{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}");
        string readyToRun = Path.Combine(dependencyDirectory, "ReadyToRun", images);
        bool precompiled = os is not null && File.Exists(Path.Combine(readyToRun, EngineAssemblyName + ".dll"));
        return precompiled ? readyToRun : Path.Combine(dependencyDirectory, "net8.0");
    }

    // Only our engine is routed; every other request stays with its owner.
    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName assemblyName) =>
        assemblyName.Name == EngineAssemblyName ? context!.LoadFromAssemblyName(assemblyName) : null;
}
