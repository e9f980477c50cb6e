using System.Security.Cryptography;
using System.Text;
using HyprAuth.Core.IO;

namespace HyprAuth.Core.Cache.Persistent;

/// <summary>
/// What protects a cache entry's bytes. Windows: DPAPI in CurrentUser scope, so only the same account on the same
/// machine can read the file (a scheduled task must run as the account that stored the token), with entropy of
/// our own so that other software using DPAPI for the same user cannot be tricked into decrypting it.
/// Linux and macOS: none beyond the 0600 file in a 0700 folder (<see cref="StoreFiles"/>), as ssh and the Azure
/// CLI do; there is no per-user secret store that works without a desktop session.
/// </summary>
internal static class TokenProtection
{
    private static readonly byte[] Entropy = Encoding.UTF8.GetBytes("HyprAuth persistent token cache v1");

    /// <summary>The protection this platform writes, and the only one it accepts when reading.</summary>
    public static string Name => HostPlatform.IsWindows ? "dpapi-currentuser" : "file-mode-0600";

    public static byte[] Protect(byte[] plain) =>
        HostPlatform.IsWindows ? ProtectedData.Protect(plain, Entropy, DataProtectionScope.CurrentUser) : plain;

    /// <summary>Throws <see cref="CryptographicException"/> when DPAPI finds the bytes tampered with or from another account.</summary>
    public static byte[] Unprotect(byte[] stored) =>
        HostPlatform.IsWindows ? ProtectedData.Unprotect(stored, Entropy, DataProtectionScope.CurrentUser) : stored;
}
