using System;
using System.IO;
using System.Text;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.IO
{
    /// <summary>
    /// Writes text (an assertion for -OutFile, an audit checkpoint) to a file that only its owner can read, from its
    /// first byte, and whole: a reader sees the old file or the new one, never half of one, and never no file.
    /// </summary>
    public static class OwnerOnlyFile
    {
        private const int OwnerReadWrite = 0x180; // 0600

        /// <summary>
        /// Opens a file exclusively (FileShare.None: also the cross-process lock), creating it owner-only from its first
        /// instant on Linux and macOS. On Windows a new file inherits its folder's ACL (see <see cref="WindowsOwnerOnlyFile"/>).
        /// </summary>
        internal static FileStream Open(string path, FileMode fileMode, FileAccess access) =>
            HostPlatform.IsWindows
                ? new FileStream(path, fileMode, access, FileShare.None)
                : UnixFileModes.Api(path).Open(path, fileMode, access, OwnerReadWrite);

        public static void WriteAllText(string path, string text)
        {
            byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);

            // A new owner-only file (0600; on Windows a protected DACL for the owner only, not the folder's ACL) renamed
            // over the target: no moment at which it is readable by others, and an existing file's broader access is
            // not inherited. A rename replaces a link rather than writing through it.
            string full = Path.GetFullPath(path);
            string temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (FileStream stream = HostPlatform.IsWindows ? WindowsOwnerOnlyFile.CreateNew(temp)
                    : Open(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true); // on disk before the rename, so a crash leaves the old file or the whole new one
                }

                if (HostPlatform.IsWindows)
                {
                    WindowsOwnerOnlyFile.MoveOver(temp, full);
                }
                else if (File.Exists(full))
                {
                    File.Replace(temp, full, destinationBackupFileName: null);
                }
                else
                {
                    File.Move(temp, full);
                }
            }
            catch (HyprTokenStoreException unsupported) when (unsupported.Reason == TokenStoreErrorReason.UnsupportedRuntime)
            {
                throw new IOException(
                    "Creating a file only its owner can read needs .NET 7 or later on Linux and macOS (PowerShell 7.4 or later); this is " +
                    System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + ".");
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }
}
