using HyprAuth.Core.Assertions;

namespace HyprAuth.Internal;

internal static class AssertionConverter
{
    internal static HyprClientAssertion ToPublic(ClientAssertion assertion) =>
        new HyprClientAssertion(
            assertion.Jwt,
            assertion.ClientId,
            assertion.KeyId,
            assertion.JwtId,
            assertion.Issuer,
            assertion.Audience,
            assertion.IssuedAt,
            assertion.NotBefore,
            assertion.ExpiresAt,
            assertion.Header,
            assertion.Claims);
}
