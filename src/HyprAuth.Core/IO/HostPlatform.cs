using System.Runtime.InteropServices;

namespace HyprAuth.Core.IO;

/// <summary>Windows protects files by ACLs and DPAPI; Linux and macOS by file modes and owners.</summary>
internal static class HostPlatform
{
    public static bool IsWindows { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
}
