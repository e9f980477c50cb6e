using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace HyprAuth.Internal
{
    /// <summary>Writes secret text (an assertion) to a file only its owner can read.</summary>
    internal static class SecureFile
    {
        private const uint OwnerReadWrite = 0x180; // 0600

        internal static void WriteAllText(string path, string text)
        {
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                // Restrict before the first byte is written. On Windows the file inherits the folder's ACL,
                // which for a user's profile already excludes other users.
                if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && chmod(path, OwnerReadWrite) != 0)
                {
                    throw new IOException("Could not restrict '" + path + "' to its owner (chmod failed with errno " + Marshal.GetLastWin32Error() + ").");
                }

                byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
            }
        }

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int chmod(string path, uint mode);
    }
}
