using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HyprAuth.Core.IO;

/// <summary>
/// Windows: creates a file whose DACL lets only its owner in, from the instant it exists, rather than inheriting the
/// folder's ACL (File.WriteAllBytes does; a shared folder would let others read an assertion). The security
/// descriptor is given to CreateFile itself: protected (no inheritance), one entry, full control for OWNER RIGHTS.
/// netstandard2.0 has no managed API for that (FileSecurity needs an extra package), hence these calls.
/// </summary>
internal static class WindowsOwnerOnlyFile
{
    private const string OwnerOnlySddl = "D:P(A;;FA;;;OW)";
    private const uint GenericWrite = 0x40000000;
    private const uint CreateNewDisposition = 1;
    private const uint NormalAttributes = 0x80;
    private const uint MoveFileReplaceExisting = 0x1;
    private const uint MoveFileWriteThrough = 0x8;

    /// <summary>Creates <paramref name="path"/> (it must not exist) owner-only and opens it for writing.</summary>
    public static FileStream CreateNew(string path)
    {
        if (!SecurityDescriptors.ConvertStringSecurityDescriptorToSecurityDescriptor(OwnerOnlySddl, 1, out var descriptor, out _))
        {
            throw new IOException("The owner-only security descriptor could not be built.", new Win32Exception(Marshal.GetLastWin32Error()));
        }

        try
        {
            var attributes =
                new SecurityAttributes { Length = Marshal.SizeOf<SecurityAttributes>(), SecurityDescriptor = descriptor, InheritHandle = false };
            var handle = CreateFileW(path, GenericWrite, 0, ref attributes, CreateNewDisposition, NormalAttributes, IntPtr.Zero);
            if (handle.IsInvalid)
            {
                var error = new Win32Exception(Marshal.GetLastWin32Error());
                handle.Dispose();
                throw new IOException($"'{path}' could not be created: {error.Message}", error);
            }

            return new FileStream(handle, FileAccess.Write);
        }
        finally
        {
            SecurityDescriptors.LocalFree(descriptor);
        }
    }

    /// <summary>
    /// Renames <paramref name="source"/> over <paramref name="destination"/> in one step. File.Replace would give the
    /// new file the old one's ACL, and delete-then-move leaves an instant with no file (a checkpoint lost in a crash
    /// there would restart an export from -Since); a rename within the folder keeps the new file's owner-only DACL.
    /// </summary>
    public static void MoveOver(string source, string destination)
    {
        if (!MoveFileExW(source, destination, MoveFileReplaceExisting | MoveFileWriteThrough))
        {
            var error = new Win32Exception(Marshal.GetLastWin32Error());
            throw new IOException($"'{destination}' could not be replaced: {error.Message}", error);
        }
    }

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern bool MoveFileExW(string existing, string replacement, uint flags);

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern SafeFileHandle CreateFileW(string name, uint access, uint share, ref SecurityAttributes attributes, uint disposition,
        uint flags, IntPtr template);

    [StructLayout(LayoutKind.Sequential)]
    private struct SecurityAttributes
    {
        public int Length;
        public IntPtr SecurityDescriptor;
        public bool InheritHandle;
    }
}
