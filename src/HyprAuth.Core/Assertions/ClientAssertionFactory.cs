using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Json;
using HyprAuth.Core.Keys;

namespace HyprAuth.Core.Assertions
{
    /// <summary>
    /// Signs client assertions the way HYPR's JWTCreator.java does: header alg ES256, typ JWT, kid; claims iss, sub, aud,
    /// jti, exp, iat, nbf in that order; aud a single string.
    /// </summary>
    public static class ClientAssertionFactory
    {
        /// <summary>Latest Unix time a DateTimeOffset can hold (9999-12-31T23:59:59Z).</summary>
        private const long MaximumUnixSeconds = 253402300799;

        private const int MaximumCachedHeaders = 256;

        private static readonly ConcurrentDictionary<string, string> EncodedHeaders = new ConcurrentDictionary<string,
            string>(StringComparer.Ordinal);

        public static ClientAssertion Create(HyprSigningKey key, ClientAssertionRequest request, DateTimeOffset now)
        {
            if (key == null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var clientId = RequireText(request.ClientId, "ClientId", "client id", " (HYPR's 'Client Id', the sub claim)");
            var keyId = request.KeyId == null ? key.Thumbprint : RequireText(request.KeyId, "KeyId", "key id", string.Empty);
            var issuer = RequireText(request.Issuer, "Issuer", "issuer", string.Empty);
            var audience = RequireText(request.Audience, "Audience", "audience", string.Empty);
            var issuedAt = now.ToUnixTimeSeconds();
            var expiresAt = ExpirySeconds(request, now, issuedAt);
            var jwtId = JwtIdGenerator.NewId();

            var claims = new StringBuilder(256).Append('{')
                .AppendMember("iss", issuer).Append(',')
                .AppendMember("sub", clientId).Append(',')
                .AppendMember("aud", audience).Append(',')
                .AppendMember("jti", jwtId).Append(',')
                .AppendMember("exp", expiresAt).Append(',')
                .AppendMember("iat", issuedAt).Append(',')
                .AppendMember("nbf", issuedAt).Append('}');
            var signingInput = EncodedHeader(keyId) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(claims.ToString()));
            var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));

            return new ClientAssertion(
                signingInput + "." + Base64Url.Encode(signature),
                clientId,
                keyId,
                jwtId,
                issuer,
                audience,
                issuedAt,
                expiresAt,
                new OrderedMap<object>(new[]
                {
                    Member("alg", "ES256"),
                    Member("typ", "JWT"),
                    Member("kid", keyId),
                }),
                new OrderedMap<object>(new[]
                {
                    Member("iss", issuer),
                    Member("sub", clientId),
                    Member("aud", audience),
                    Member("jti", jwtId),
                    Member("exp", expiresAt),
                    Member("iat", issuedAt),
                    Member("nbf", issuedAt),
                }));
        }

        /// <summary>base64url of the header, which depends on the kid alone: encoded once per kid, not per assertion.</summary>
        private static string EncodedHeader(string keyId)
        {
            if (EncodedHeaders.TryGetValue(keyId, out var encoded))
            {
                return encoded;
            }

            var header = new StringBuilder(128).Append('{')
                .AppendMember("alg", "ES256").Append(',')
                .AppendMember("typ", "JWT").Append(',')
                .AppendMember("kid", keyId).Append('}');
            encoded = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToString()));
            if (EncodedHeaders.Count >= MaximumCachedHeaders)
            {
                // Kids are few (one per key); a process that signs with very many keys just starts over.
                EncodedHeaders.Clear();
            }

            EncodedHeaders[keyId] = encoded;
            return encoded;
        }

        private static long ExpirySeconds(ClientAssertionRequest request, DateTimeOffset now, long issuedAt)
        {
            if (request.Lifetime.HasValue && request.ExpiresAt.HasValue)
            {
                throw new HyprArgumentException("ExpiresAt", "Give either a lifetime or an expiry time for the assertion, not both.");
            }

            if (request.ExpiresAt is DateTimeOffset expiry)
            {
                var expiresAt = expiry.ToUnixTimeSeconds();
                if (expiresAt <= issuedAt)
                {
                    throw new HyprArgumentException(
                        "ExpiresAt",
                        $"The expiry {Time(expiry)} is not after the current time {Time(now)}; an assertion must expire in the future.");
                }

                return expiresAt;
            }

            var lifetime = request.Lifetime ?? HyprDefaults.AssertionLifetime;
            if (lifetime <= TimeSpan.Zero)
            {
                throw new HyprArgumentException("Lifetime", $"The assertion lifetime must be positive; got {lifetime}.");
            }

            if (lifetime < TimeSpan.FromSeconds(1))
            {
                throw new HyprArgumentException("Lifetime",
                    $"The assertion lifetime must be at least one second (exp is in whole seconds); got {lifetime}.");
            }

            var seconds = (long)lifetime.TotalSeconds;
            if (seconds > MaximumUnixSeconds - issuedAt)
            {
                throw new HyprArgumentException("Lifetime", $"The assertion lifetime {lifetime} puts its expiry beyond the year 9999.");
            }

            return issuedAt + seconds;
        }

        /// <summary>Refuses empty text, control characters and broken UTF-16: they would be escaped or mangled on the wire.</summary>
        internal static string RequireText(string? value, string parameterName, string what, string hint)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new HyprArgumentException(parameterName, $"The {what}{hint} must not be empty.");
            }

            for (var i = 0; i < value!.Length; i++)
            {
                if (char.IsHighSurrogate(value, i) && i + 1 < value.Length && char.IsLowSurrogate(value, i + 1))
                {
                    i++;
                }
                else if (char.IsControl(value, i) || char.IsSurrogate(value, i))
                {
                    throw new HyprArgumentException(
                        parameterName,
                        $"The {what} has a control character or an unpaired surrogate at position {i + 1}; it must be plain text.");
                }
            }

            return value;
        }

        private static KeyValuePair<string, object> Member(string name, object value) => new KeyValuePair<string, object>(name, value);

        private static string Time(DateTimeOffset time) => time.ToString("u", CultureInfo.InvariantCulture);
    }
}
