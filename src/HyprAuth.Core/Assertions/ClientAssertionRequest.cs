using System;

namespace HyprAuth.Core.Assertions;

/// <summary>What to put in a client assertion; <see cref="ClientAssertionFactory"/> checks it and fills in the defaults.</summary>
public sealed class ClientAssertionRequest
{
    /// <summary>HYPR's "Client Id" from the token creation screen: the <c>sub</c> claim. Required.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The <c>kid</c> header; null means the signing key's RFC 7638 thumbprint.</summary>
    public string? KeyId { get; set; }

    public string Issuer { get; set; } = HyprDefaults.Issuer;

    public string Audience { get; set; } = HyprDefaults.Audience;

    /// <summary>
    /// How long the assertion is valid, in whole seconds. Null means <see cref="HyprDefaults.AssertionLifetime"/>
    /// unless <see cref="ExpiresAt"/> is set; setting both is refused.
    /// </summary>
    public TimeSpan? Lifetime { get; set; }

    /// <summary>An absolute expiry (JWTCreator's <c>-exp</c>), truncated to whole seconds.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
