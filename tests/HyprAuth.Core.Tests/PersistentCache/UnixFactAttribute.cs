using System;
using Xunit;

namespace HyprAuth.Core.Tests.PersistentCache;

/// <summary>A fact about Linux and macOS only (by default: Unix file modes, where Windows has DPAPI and the profile's ACL).</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    /// <param name="windowsReason">Why the fact does not hold on Windows, shown as the skip reason there.</param>
    public UnixFactAttribute(string windowsReason = "Unix file modes only; on Windows DPAPI protects the store.")
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = windowsReason;
        }
    }
}
