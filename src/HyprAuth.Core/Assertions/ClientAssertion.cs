using System;
using System.Collections.Generic;

namespace HyprAuth.Core.Assertions
{
    /// <summary>A signed client assertion (RFC 7523 private_key_jwt). <see cref="ToString"/> describes it without the JWT.</summary>
    public sealed class ClientAssertion
    {
        internal ClientAssertion(
            string jwt,
            string clientId,
            string keyId,
            string jwtId,
            string issuer,
            string audience,
            long issuedAt,
            long expiresAt,
            IReadOnlyDictionary<string, object> header,
            IReadOnlyDictionary<string, object> claims)
        {
            Jwt = jwt;
            ClientId = clientId;
            KeyId = keyId;
            JwtId = jwtId;
            Issuer = issuer;
            Audience = audience;
            IssuedAt = DateTimeOffset.FromUnixTimeSeconds(issuedAt);
            NotBefore = IssuedAt;
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt);
            Header = header;
            Claims = claims;
        }

        /// <summary>The compact serialization, to post as <c>client_assertion</c>. A credential until it expires.</summary>
        public string Jwt { get; }

        public string ClientId { get; }

        public string KeyId { get; }

        public string JwtId { get; }

        public string Issuer { get; }

        public string Audience { get; }

        public DateTimeOffset IssuedAt { get; }

        public DateTimeOffset NotBefore { get; }

        public DateTimeOffset ExpiresAt { get; }

        /// <summary>The JWS header as written: alg, typ, kid.</summary>
        public IReadOnlyDictionary<string, object> Header { get; }

        /// <summary>The claims as written: iss, sub, aud, jti (strings), exp, iat, nbf (longs).</summary>
        public IReadOnlyDictionary<string, object> Claims { get; }

        public override string ToString() => $"ClientAssertion sub={ClientId} kid={KeyId} jti={JwtId} exp={ExpiresAt:u}";
    }
}
