using System;
using Xunit;

namespace HyprAuth.Core.Tests.PersistentCache
{
    /// <summary>A fact about Unix file modes; Windows protects the store with DPAPI and the profile's ACL instead.</summary>
    public sealed class UnixFactAttribute : FactAttribute
    {
        public UnixFactAttribute()
        {
            if (OperatingSystem.IsWindows())
            {
                Skip = "Unix file modes only; on Windows DPAPI protects the store.";
            }
        }
    }
}
