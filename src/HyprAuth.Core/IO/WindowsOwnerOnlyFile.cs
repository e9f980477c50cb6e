using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HyprAuth.Core.IO
{
    /// <summary>
    /// Creates a new file whose DACL lets only its owner in, from the instant it exists, whatever the folder's ACL
    /// would have passed on (a folder such as C:\Temp lets other users read what is created there).
    /// </summary>
    internal static class WindowsOwnerOnlyFile
    {
        private const uint GenericWrite = 0x40000000;
        private const uint CreateNew = 1;
        private const uint FileAttributeNormal = 0x80;

        /// <summary>Creates <paramref name="path"/>, which must not exist, for writing.</summary>
        internal static FileStream CreateNewFile(string path)
        {
            IntPtr descriptor = SecurityDescriptors.ToNative(SecurityDescriptors.OwnerOnlySddl, out _);
            try
            {
                var attributes = new SecurityAttributes
                {
                    Length = Marshal.SizeOf(typeof(SecurityAttributes)),
                    SecurityDescriptor = descriptor,
                    InheritHandle = false,
                };
                SafeFileHandle handle = CreateFile(path, GenericWrite, 0, ref attributes, CreateNew, FileAttributeNormal, IntPtr.Zero);
                if (handle.IsInvalid)
                {
                    int error = Marshal.GetLastWin32Error();
                    handle.Dispose();
                    throw new IOException($"Could not create '{path}': {new Win32Exception(error).Message}", error);
                }

                return new FileStream(handle, FileAccess.Write);
            }
            finally
            {
                SecurityDescriptors.LocalFree(descriptor);
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct SecurityAttributes
        {
            public int Length;
            public IntPtr SecurityDescriptor;
            public bool InheritHandle;
        }

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, EntryPoint = "CreateFileW")]
        private static extern SafeFileHandle CreateFile(string fileName, uint desiredAccess, uint shareMode, ref SecurityAttributes securityAttributes, uint creationDisposition, uint flagsAndAttributes, IntPtr templateFile);
    }
}
