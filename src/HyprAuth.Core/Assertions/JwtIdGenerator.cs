using System;
using System.Security.Cryptography;

namespace HyprAuth.Core.Assertions
{
    /// <summary>Random (version 4) UUIDs in lower case for <c>jti</c>: HYPR refuses a jti it has seen (replay protection).</summary>
    internal static class JwtIdGenerator
    {
        private const string HexDigits = "0123456789abcdef";

        // Safe to share between threads: stateless on .NET Core, documented thread-safe (RNGCryptoServiceProvider) on .NET Framework.
        private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

        private const int IdsPerRefill = 16;

        // Random bytes for the next ids of this thread: one call into the platform's generator per 16 ids instead of
        // one per id (that call is most of an id's cost). Each id's bytes are cleared once used.
        [ThreadStatic]
        private static byte[]? randomPool;

        [ThreadStatic]
        private static int next;

        public static string NewId()
        {
            var pool = randomPool;
            if (pool == null || next == pool.Length)
            {
                pool = randomPool ??= new byte[16 * IdsPerRefill];
                Random.GetBytes(pool);
                next = 0;
            }

            var offset = next;
            next += 16;
            pool[offset + 6] = (byte)((pool[offset + 6] & 0x0F) | 0x40);
            pool[offset + 8] = (byte)((pool[offset + 8] & 0x3F) | 0x80);
            var chars = new char[36];
            var c = 0;
            for (var i = 0; i < 16; i++)
            {
                if (i == 4 || i == 6 || i == 8 || i == 10)
                {
                    chars[c++] = '-';
                }

                var b = pool[offset + i];
                chars[c++] = HexDigits[b >> 4];
                chars[c++] = HexDigits[b & 15];
            }

            Array.Clear(pool, offset, 16);
            return new string(chars);
        }
    }
}
