using System;
using Xunit;

namespace HyprAuth.Core.Tests.Keys
{
    /// <summary>A fact about Linux and macOS, where Windows key storage is refused; the Windows CI job proves the store itself.</summary>
    public sealed class OffWindowsFactAttribute : FactAttribute
    {
        public OffWindowsFactAttribute()
        {
            if (OperatingSystem.IsWindows())
            {
                Skip = "Windows has key storage: tests/ClientKeyStore.Tests.ps1 (tag Windows) proves it there.";
            }
        }
    }
}
