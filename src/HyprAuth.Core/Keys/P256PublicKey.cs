using System.Security.Cryptography;
using System.Text;
using HyprAuth.Core.Json;

namespace HyprAuth.Core.Keys
{
    /// <summary>A P-256 public point with its JWK form and RFC 7638 thumbprint, shared by signing and verification keys.</summary>
    internal sealed class P256PublicKey
    {
        public P256PublicKey(byte[] x, byte[] y)
        {
            X = x;
            Y = y;
            var encodedX = Base64Url.Encode(x);
            var encodedY = Base64Url.Encode(y);
            Jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + encodedX + "\",\"y\":\"" + encodedY + "\"}";

            // RFC 7638 §3.2: the required members only, in lexicographic order, without whitespace.
            var canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + encodedX + "\",\"y\":\"" + encodedY + "\"}";
            using (var sha256 = SHA256.Create())
            {
                Thumbprint = Base64Url.Encode(sha256.ComputeHash(Encoding.UTF8.GetBytes(canonical)));
            }
        }

        public byte[] X { get; }

        public byte[] Y { get; }

        public string Jwk { get; }

        public string Thumbprint { get; }
    }
}
