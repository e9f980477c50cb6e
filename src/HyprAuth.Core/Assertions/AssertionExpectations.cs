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
        Require(!string.IsNullOrEmpty(Issuer), nameof(Issuer), "The expected issuer must not be empty.");
        Require(!string.IsNullOrEmpty(Audience), nameof(Audience), "The expected audience must not be empty.");
        Require(ClockSkew >= TimeSpan.Zero, nameof(ClockSkew), $"The clock skew must not be negative; got {ClockSkew}.");
        Require(MaximumLifetime > TimeSpan.Zero, nameof(MaximumLifetime), $"The maximum lifetime must be positive; got {MaximumLifetime}.");
    }

    private static void Require(bool valid, string parameterName, string message)
    {
        if (!valid)
        {
            throw new HyprArgumentException(parameterName, message);
        }
    }
}
