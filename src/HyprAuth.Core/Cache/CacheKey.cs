using System;
using System.Security.Cryptography;
using System.Text;
using HyprAuth.Core.Exchange;

namespace HyprAuth.Core.Cache
{
    /// <summary>
    /// Which requests share a token: same token endpoint, client id, audience, and proof of the same credential.
    /// The key's thumbprint is part of it, so that in a process hosting many users' runspaces only a caller
    /// holding the key is served its token. A fixed assertion is keyed by its own hash, not by its claims:
    /// claims can be forged without the key, the exact assertion cannot.
    /// </summary>
    internal static class CacheKey
    {
        public static string For(TokenRequest request) =>
            request.SigningKey != null
                ? ForKey(request.TokenEndpoint, request.ClientId, request.Audience, request.SigningKey.Thumbprint)
                : Compose(request.TokenEndpoint, request.ClientId, request.Audience, "assertion:" + Sha256(request.Assertion!));

        /// <summary>The key of a signing-key credential, from what the persistent cache stores about it.</summary>
        public static string ForKey(Uri tokenEndpoint, string clientId, string audience, string keyThumbprint) =>
            Compose(tokenEndpoint, clientId, audience, "key:" + keyThumbprint);

        private static string Compose(Uri tokenEndpoint, string clientId, string audience, string credential) =>
            string.Join("\n", tokenEndpoint.AbsoluteUri, clientId, audience, credential);

        private static string Sha256(string text)
        {
            using (var sha = SHA256.Create())
            {
                return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
            }
        }
    }
}
