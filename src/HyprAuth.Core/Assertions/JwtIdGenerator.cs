using System.Security.Cryptography;

namespace HyprAuth.Core.Assertions
{
    /// <summary>Random (version 4) UUIDs in lower case for <c>jti</c>: HYPR refuses a jti it has seen (replay protection).</summary>
    internal static class JwtIdGenerator
    {
        private const string HexDigits = "0123456789abcdef";

        // Safe to share between threads: stateless on .NET Core, documented thread-safe (RNGCryptoServiceProvider) on .NET Framework.
        private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

        public static string NewId()
        {
            var bytes = new byte[16];
            Random.GetBytes(bytes);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            var chars = new char[36];
            var c = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (i == 4 || i == 6 || i == 8 || i == 10)
                {
                    chars[c++] = '-';
                }

                chars[c++] = HexDigits[bytes[i] >> 4];
                chars[c++] = HexDigits[bytes[i] & 15];
            }

            return new string(chars);
        }
    }
}
