using System;
using System.Collections.Generic;

namespace HyprAuth.Emulator;

/// <summary>Tunable tenant behaviour. Immutable: a change swaps the whole object, so a request sees one consistent set.</summary>
public sealed record EmulatorSettings
{
    /// <summary>HYPR's documented request uses grant_type=authorization_code; client_credentials can be allowed for RFC 7523 clients.</summary>
    public IReadOnlyList<string> AcceptedGrantTypes { get; init; } = ["authorization_code"];

    public int MaxAssertionLifetimeSeconds { get; init; } = 3600;

    /// <summary>
    /// When false (default) the kid header must be present but an unknown value falls back to trying each of the client's keys:
    /// HYPR's JWTCreator takes only the Client Id and Client key, and HYPR's docs show three different kids for the same key,
    /// so a real tenant cannot be matching kid to a registered key. True refuses an unknown kid (strict RFC 7523 servers).
    /// </summary>
    public bool RequireKnownKid { get; init; }

    public int ClockSkewSeconds { get; init; } = 30;

    public string Issuer { get; init; } = "https://hypr.com";

    public string Audience { get; init; } = "https://hypr.com";

    public bool ThrottlingEnabled { get; init; }

    /// <summary>Bucket capacity in cost units per client.</summary>
    public int ThrottleBudget { get; init; } = 20;

    public double ThrottleRefillPerSecond { get; init; } = 5;

    /// <summary>The audit search's first pageNumber (and the page it answers without one). HYPR does not document it; 0 or 1.</summary>
    public int AuditFirstPage { get; init; } = 1;

    /// <summary>Whether the audit search's startTSUTC and endTSUTC include events at exactly that millisecond (HYPR does not say).</summary>
    public bool AuditStartInclusive { get; init; } = true;

    public bool AuditEndInclusive { get; init; } = true;

    public void Validate()
    {
        if (AuditFirstPage is not (0 or 1))
        {
            throw new ArgumentException("auditFirstPage must be 0 or 1");
        }

        if (MaxAssertionLifetimeSeconds < 1 || ClockSkewSeconds < 0 || ThrottleBudget < 1 || !(ThrottleRefillPerSecond > 0))
        {
            throw new ArgumentException("need maxAssertionLifetimeSeconds >= 1, " +
                "clockSkewSeconds >= 0, throttleBudget >= 1, throttleRefillPerSecond > 0");
        }

        if (string.IsNullOrEmpty(Issuer) || string.IsNullOrEmpty(Audience))
        {
            throw new ArgumentException("issuer and audience must not be empty");
        }
    }
}

/// <summary>A partial update of <see cref="EmulatorSettings"/>: null members keep their current value.</summary>
public sealed record SettingsPatch
{
    public IReadOnlyList<string>? AcceptedGrantTypes { get; init; }
    public int? MaxAssertionLifetimeSeconds { get; init; }
    public bool? RequireKnownKid { get; init; }
    public int? ClockSkewSeconds { get; init; }
    public string? Issuer { get; init; }
    public string? Audience { get; init; }
    public bool? ThrottlingEnabled { get; init; }
    public int? ThrottleBudget { get; init; }
    public double? ThrottleRefillPerSecond { get; init; }
    public int? AuditFirstPage { get; init; }
    public bool? AuditStartInclusive { get; init; }
    public bool? AuditEndInclusive { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> for values that would make the tenant meaningless.</summary>
    public EmulatorSettings ApplyTo(EmulatorSettings current)
    {
        EmulatorSettings next = current with
        {
            AcceptedGrantTypes = AcceptedGrantTypes ?? current.AcceptedGrantTypes,
            MaxAssertionLifetimeSeconds = MaxAssertionLifetimeSeconds ?? current.MaxAssertionLifetimeSeconds,
            RequireKnownKid = RequireKnownKid ?? current.RequireKnownKid,
            ClockSkewSeconds = ClockSkewSeconds ?? current.ClockSkewSeconds,
            Issuer = Issuer ?? current.Issuer,
            Audience = Audience ?? current.Audience,
            ThrottlingEnabled = ThrottlingEnabled ?? current.ThrottlingEnabled,
            ThrottleBudget = ThrottleBudget ?? current.ThrottleBudget,
            ThrottleRefillPerSecond = ThrottleRefillPerSecond ?? current.ThrottleRefillPerSecond,
            AuditFirstPage = AuditFirstPage ?? current.AuditFirstPage,
            AuditStartInclusive = AuditStartInclusive ?? current.AuditStartInclusive,
            AuditEndInclusive = AuditEndInclusive ?? current.AuditEndInclusive,
        };
        next.Validate();
        return next;
    }
}
