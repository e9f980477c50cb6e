using System;
using HyprAuth.Core.Diagnostics;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>Defect 12: a server that echoes a secret upper-cased, or only its first characters, must not show it either.</summary>
public sealed class PartialSecretRedactionTests
{
    // Not shaped like a HYPR token or a JWT: only the redaction of named and live secrets can catch it.
    private const string Secret = "Zx9Qm2Lr7Tt4Vv8Ww1Yy3Uu6Kk0Pp5Hh";

    [Fact]
    public void A_prefix_of_16_characters_or_more_is_removed()
    {
        var text = SecretRedactor.Redact("token " + Secret.Substring(0, 20) + " was rejected", Secret);

        Assert.Equal("token [redacted] was rejected", text);
    }

    [Fact]
    public void An_upper_cased_secret_is_removed()
    {
        var text = SecretRedactor.Redact("TOKEN " + Secret.ToUpperInvariant() + " REJECTED", Secret);

        Assert.Equal("TOKEN [redacted] REJECTED", text);
    }

    [Fact]
    public void A_lower_cased_prefix_of_a_live_secret_is_removed_without_being_named()
    {
        var live = string.Concat("Rt5Gh8Jk2Lm4Np6Qs9Vw3Xz7Bc1Df0", Guid.NewGuid().ToString("N"));
        LiveSecrets.Add(live);

        var text = SecretRedactor.Redact("echo: " + live.Substring(0, 18).ToLowerInvariant() + "...");

        Assert.Equal("echo: [redacted]...", text);
        GC.KeepAlive(live);
    }

    [Fact]
    public void Fifteen_characters_of_a_secret_are_left_alone()
    {
        var text = SecretRedactor.Redact("id " + Secret.Substring(0, 15) + " ok", Secret);

        Assert.Equal("id " + Secret.Substring(0, 15) + " ok", text);
    }
}
