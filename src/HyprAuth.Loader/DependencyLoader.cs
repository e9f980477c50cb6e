using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace HyprAuth.Loader
{
    /// <summary>
    /// Called by HyprAuth.dll's module initializer on PowerShell 7. HyprAuth.dll lives in the default context;
    /// when it first needs HyprAuth.Core, the default context cannot find it (it is in Dependencies/) and asks us.
    /// </summary>
    public static class DependencyLoader
    {
        private const string EngineAssemblyName = "HyprAuth.Core";
        private static readonly object s_gate = new object();
        private static HyprAuthLoadContext? s_context;

        public static void Register(string dependencyDirectory)
        {
            lock (s_gate)
            {
                if (s_context is not null)
                {
                    return; // the module was imported before, perhaps in another runspace: one context per process.
                }

                s_context = new HyprAuthLoadContext(Path.GetFullPath(dependencyDirectory));
                AssemblyLoadContext.Default.Resolving += ResolveEngine;
            }
        }

        private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName assemblyName)
        {
            // Only our engine is routed; every other request stays with its owner.
            return string.Equals(assemblyName.Name, EngineAssemblyName, StringComparison.Ordinal)
                ? s_context!.LoadFromAssemblyName(assemblyName)
                : null;
        }
    }
}
