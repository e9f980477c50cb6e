using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using HyprAuth.Core.IO;

namespace HyprAuth.Core.Keys;

/// <summary>
/// Which broad groups a file's ACL lets read it, on Windows. netstandard2.0 has no ACL types, so the runtime's are
/// reached by reflection: FileSystemAclExtensions on .NET (PowerShell 7), File.GetAccessControl on .NET Framework
/// (Windows PowerShell 5.1). The members used are stable public API on both.
/// </summary>
internal static class WindowsFileAcl
{
    private const int ReadData = 0x1;           // FileSystemRights.ReadData
    private const int GenericRead = unchecked((int)0x80000000);
    private const int GenericAll = 0x10000000;
    private const int Allow = 0;                // AccessControlType.Allow

    private static readonly Dictionary<string, string> BroadGroups = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["S-1-1-0"] = "Everyone",
        ["S-1-5-32-545"] = "Users",
        ["S-1-5-11"] = "Authenticated Users",
    };

    /// <summary>The names of the broad groups allowed to read the file; empty when none is.</summary>
    public static string[] BroadReaders(string path)
    {
        object security = ReflectedCall.Unwrapped(() => GetAccessControl(path));
        Type sidType = Type.GetType("System.Security.Principal.SecurityIdentifier, System.Security.Principal.Windows")
            ?? Type.GetType("System.Security.Principal.SecurityIdentifier")
            ?? throw new PlatformNotSupportedException("No SecurityIdentifier type.");
        MethodInfo getRules = security.GetType().GetMethod("GetAccessRules", new[] { typeof(bool), typeof(bool), typeof(Type) })
            ?? throw new PlatformNotSupportedException("No GetAccessRules.");
        var rules = (IEnumerable)ReflectedCall.Unwrapped(() => getRules.Invoke(security, new object[] { true, true, sidType })!);
        var readers = new List<string>();
        foreach (object rule in rules)
        {
            Type ruleType = rule.GetType();
            string sid = Convert.ToString(ruleType.GetProperty("IdentityReference")!.GetValue(rule)) ?? string.Empty;
            int access = Convert.ToInt32(ruleType.GetProperty("AccessControlType")!.GetValue(rule));
            int rights = Convert.ToInt32(ruleType.GetProperty("FileSystemRights")!.GetValue(rule));
            if (access == Allow && (rights & (ReadData | GenericRead | GenericAll)) != 0 && BroadGroups.TryGetValue(sid, out string? name)
                && !readers.Contains(name))
            {
                readers.Add(name);
            }
        }

        return readers.ToArray();
    }

    private static object GetAccessControl(string path)
    {
        Type? extensions = Type.GetType("System.IO.FileSystemAclExtensions, System.IO.FileSystem.AccessControl");
        MethodInfo? method = extensions?.GetMethod("GetAccessControl", new[] { typeof(FileInfo) });
        if (method != null)
        {
            return method.Invoke(null, new object[] { new FileInfo(path) })!;
        }

        // .NET Framework: File.GetAccessControl(string) is in mscorlib.
        MethodInfo framework = typeof(File).GetMethod("GetAccessControl", new[] { typeof(string) })
            ?? throw new PlatformNotSupportedException("No GetAccessControl.");
        return framework.Invoke(null, new object[] { path })!;
    }
}
