using System;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Assertions;

/// <summary>What <see cref="ClientAssertionInspector"/> holds an assertion to: HYPR's rules by default.</summary>
public sealed class AssertionExpectations
{
    public string Issuer { get; set; } = HyprDefaults.Issuer;

    public string Audience { get; set; } = HyprDefaults.Audience;

    /// <summary>The Client Id that <c>sub</c> must equal; null checks only that <c>sub</c> is present.</summary>
    public string? ClientId { get; set; }

    /// <summary>Tolerance for clocks that disagree, applied to exp, nbf and iat.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest accepted exp - iat (the emulator's bound, as HYPR's server's is undocumented).</summary>
    public TimeSpan MaximumLifetime { get; set; } = TimeSpan.FromHours(1);

    internal void Validate()
    {
        if (string.IsNullOrEmpty(Issuer))
        {
            throw new HyprArgumentException(nameof(Issuer), "The expected issuer must not be empty.");
        }

        if (string.IsNullOrEmpty(Audience))
        {
            throw new HyprArgumentException(nameof(Audience), "The expected audience must not be empty.");
        }

        if (ClockSkew < TimeSpan.Zero)
        {
            throw new HyprArgumentException(nameof(ClockSkew), $"The clock skew must not be negative; got {ClockSkew}.");
        }

        if (MaximumLifetime <= TimeSpan.Zero)
        {
            throw new HyprArgumentException(nameof(MaximumLifetime), $"The maximum lifetime must be positive; got {MaximumLifetime}.");
        }
    }
}
