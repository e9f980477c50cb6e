using System;
using HyprAuth.Core.Assertions;

namespace HyprAuth.Core.Exchange;

/// <summary>Signs the assertion for one exchange attempt: a new jti every time, dated by the token endpoint's clock.</summary>
internal static class AssertionSigner
{
    public static ClientAssertion Create(TokenRequest request, DateTimeOffset serverNow) =>
        ClientAssertionFactory.Create(
            request.SigningKey!,
            new ClientAssertionRequest
            {
                ClientId = request.ClientId,
                KeyId = request.KeyId,
                Issuer = request.Issuer,
                Audience = request.Audience,
                Lifetime = request.AssertionLifetime,
            },
            serverNow);
}
