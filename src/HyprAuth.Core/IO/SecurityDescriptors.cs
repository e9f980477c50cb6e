using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace HyprAuth.Core.IO;

/// <summary>
/// Windows security descriptors from SDDL, through advapi32: netstandard2.0's AccessControl packages are
/// not-supported stubs on .NET Framework, which is what Windows PowerShell 5.1 would load.
/// </summary>
internal static class SecurityDescriptors
{
    /// <summary>Full control for the owner (OW: OWNER RIGHTS), nothing else, nothing inherited (P): a stored key's DACL starts so.</summary>
    internal const string OwnerOnlySddl = "D:P(A;;GA;;;OW)";

    /// <summary>The self-relative security descriptor for <paramref name="sddl"/>.</summary>
    internal static byte[] FromSddl(string sddl)
    {
        IntPtr descriptor = ToNative(sddl, out uint size);
        try
        {
            var bytes = new byte[size];
            Marshal.Copy(descriptor, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            LocalFree(descriptor);
        }
    }

    private static IntPtr ToNative(string sddl, out uint size)
    {
        if (!ConvertStringSecurityDescriptorToSecurityDescriptor(sddl, 1, out IntPtr descriptor, out size))
        {
            throw new Win32Exception(Marshal.GetLastWin32Error());
        }

        return descriptor;
    }

    [DllImport("kernel32.dll")]
    internal static extern IntPtr LocalFree(IntPtr memory);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true, EntryPoint =
        "ConvertStringSecurityDescriptorToSecurityDescriptorW")]
    internal static extern bool ConvertStringSecurityDescriptorToSecurityDescriptor(string sddl, uint revision, out IntPtr descriptor,
        out uint size);
}
