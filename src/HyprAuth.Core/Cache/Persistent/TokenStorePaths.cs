using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace HyprAuth.Core.Cache.Persistent
{
    /// <summary>
    /// One file per credential, named by a hash of its cache key, with a lock file beside it: one credential's
    /// exchange (the lock is held across it) never delays another's. Lock files are never deleted: a process
    /// waiting on a deleted lock file would lock a different file than the next one to create it.
    /// </summary>
    internal sealed class TokenStorePaths
    {
        public const string TokenExtension = ".token";
        public const string TemporaryExtension = ".tmp";
        private const string LockExtension = ".lock";

        private TokenStorePaths(string folder, string id)
        {
            Folder = folder;
            Id = id;
            Token = Path.Combine(folder, id + TokenExtension);
            Lock = Path.Combine(folder, id + LockExtension);
        }

        public string Folder { get; }

        public string Id { get; }

        public string Token { get; }

        public string Lock { get; }

        public static TokenStorePaths For(string folder, string cacheKey)
        {
            using (var sha = SHA256.Create())
            {
                // 128 bits of the hash: unique enough for a handful of credentials, short enough to read.
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(cacheKey));
                return new TokenStorePaths(folder, BitConverter.ToString(hash, 0, 16).Replace("-", string.Empty).ToLowerInvariant());
            }
        }

        public static TokenStorePaths OfTokenFile(string tokenPath) =>
            new TokenStorePaths(Path.GetDirectoryName(tokenPath)!, IdOf(tokenPath));

        public static string IdOf(string tokenPath) => Path.GetFileNameWithoutExtension(tokenPath);

        /// <summary>A new file name for writing the next version of the token file, renamed over it once complete.</summary>
        public string NewTemporary() => Path.Combine(Folder, Id + "." + Guid.NewGuid().ToString("N") + TemporaryExtension);
    }
}
