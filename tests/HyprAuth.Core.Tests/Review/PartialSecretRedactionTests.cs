using System;
using HyprAuth.Core.Diagnostics;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>
/// Defect 12: a server that echoes a secret upper-cased, or only its first characters, must not show it either.
/// And a slice from anywhere in it: its middle, its end, percent-encoded, next to a slice of another secret.
/// </summary>
public sealed class PartialSecretRedactionTests
{
    // Not shaped like a HYPR token or a JWT: only the redaction of named and live secrets can catch it.
    private const string Secret = "Zx9Qm2Lr7Tt4Vv8Ww1Yy3Uu6Kk0Pp5Hh";

    private const string OtherSecret = "Bn4Cd7Ef1Gh5Ij8Kl2Mn6Op9Qr3St0Uv";

    // Base64 text: '/', '+' and '=' are percent-encoded in a form body or a query string.
    private const string EncodedSecret = "Qm9/aGVs+bG8gd29y/bGQgZm9y+IHRlc3Rz/IG9ubHk+dGhpcw==";

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

    [Theory]
    [InlineData(10, 16)] // the shortest slice, from the middle
    [InlineData(10, 20)] // 30 characters from offset 10 would run past this secret's end: see the suffix row
    [InlineData(5, 22)]
    [InlineData(12, 20)] // the last 20: a suffix
    [InlineData(1, 31)] // all but the first character
    public void A_slice_from_anywhere_in_the_secret_is_removed(int start, int length)
    {
        var text = SecretRedactor.Redact("echo: " + Secret.Substring(start, length) + " end", Secret);

        Assert.Equal("echo: [redacted] end", text);
    }

    [Fact]
    public void An_upper_cased_middle_slice_is_removed()
    {
        var text = SecretRedactor.Redact("ECHO " + Secret.Substring(7, 18).ToUpperInvariant() + " END", Secret);

        Assert.Equal("ECHO [redacted] END", text);
    }

    [Fact]
    public void A_percent_encoded_middle_slice_is_removed()
    {
        var encoded = Uri.EscapeDataString(EncodedSecret);
        var slice = encoded.Substring(9, 30);
        Assert.Contains("%2F", slice); // the slice holds an escape: it is the encoded form that must be found

        var text = SecretRedactor.Redact("client_assertion=" + slice + "&grant_type=x", EncodedSecret);

        Assert.Equal("client_assertion=[redacted]&grant_type=x", text);
    }

    [Fact]
    public void A_percent_encoded_slice_in_lower_case_hex_is_removed()
    {
        var slice = Uri.EscapeDataString(EncodedSecret).Substring(9, 30).ToLowerInvariant();

        var text = SecretRedactor.Redact("form " + slice + " end", EncodedSecret);

        Assert.Equal("form [redacted] end", text);
    }

    [Fact]
    public void Slices_of_two_different_secrets_in_one_text_are_both_removed()
    {
        var text = SecretRedactor.Redact(
            "first " + Secret.Substring(6, 17) + " then " + OtherSecret.Substring(OtherSecret.Length - 19) + " done", Secret, OtherSecret);

        Assert.Equal("first [redacted] then [redacted] done", text);
    }

    [Fact]
    public void A_middle_slice_of_a_live_secret_is_removed_without_being_named()
    {
        var live = string.Concat("Wq3Er6Ty9Ui2Op5As8Df1Gh4Jk7", Guid.NewGuid().ToString("N"));
        LiveSecrets.Add(live);

        var text = SecretRedactor.Redact("token ..." + live.Substring(11, 24) + "... revoked");

        Assert.Equal("token ...[redacted]... revoked", text);
        GC.KeepAlive(live);
    }

    [Fact]
    public void Overlapping_and_adjacent_slices_become_one_placeholder()
    {
        // Characters 2-21 and 10-29 side by side, then a slice of the other secret right after them.
        var echoed = Secret.Substring(2, 20) + Secret.Substring(10, 20) + OtherSecret.Substring(3, 16);

        var text = SecretRedactor.Redact("x " + echoed + " y", Secret, OtherSecret);

        Assert.Equal("x [redacted] y", text);
    }

    [Fact]
    public void A_match_is_extended_as_far_as_the_text_agrees_with_the_secret()
    {
        // Characters 4-24 agree with the secret, then one differs: the 21 become one placeholder, the rest stays.
        var echoed = Secret.Substring(4, 21) + "!" + Secret.Substring(26);

        var text = SecretRedactor.Redact(echoed, Secret);

        Assert.Equal("[redacted]!" + Secret.Substring(26), text);
    }

    [Fact]
    public void Slices_at_the_very_start_and_end_of_the_text_are_removed()
    {
        var text = SecretRedactor.Redact(Secret.Substring(8, 20) + " in between " + Secret.Substring(3, 16), Secret);

        Assert.Equal("[redacted] in between [redacted]", text);
    }

    [Fact]
    public void Another_assertion_that_begins_like_the_sent_one_is_removed_whole()
    {
        // Two assertions of one client share their header and the start of their claims. Removing the shared part first
        // left the rest of the echoed one, no longer shaped like a JWT, in the message.
        const string Sent = "eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJodHRwczovL2h5cHIiLCJqdGkiOiIxMTExIn0.c2lnbmF0dXJlLW9mLXRoZS1zZW50LW9uZQ";
        const string Echoed = "eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJodHRwczovL2h5cHIiLCJqdGkiOiIyMjIyIn0.YW5vdGhlci1zaWduYXR1cmUtZW50aXJlbHk";

        var text = SecretRedactor.Redact("client_assertion=" + Echoed + "&grant_type=x", Sent);

        Assert.Equal("client_assertion=[redacted]&grant_type=x", text);
    }

    [Fact]
    public void A_text_that_is_only_a_slice_is_only_the_placeholder()
    {
        Assert.Equal("[redacted]", SecretRedactor.Redact(Secret.Substring(9, 17), Secret));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(17)] // the last 15
    public void Fifteen_characters_from_the_middle_or_end_are_left_alone(int start)
    {
        var slice = Secret.Substring(start, 15);

        var text = SecretRedactor.Redact("id " + slice + " ok", Secret);

        Assert.Equal("id " + slice + " ok", text);
    }

    [Fact]
    public void A_secret_that_only_begins_like_a_token_is_removed_whole()
    {
        // The HYPR-token shape matches only its start; removing that first left a tail shorter than a slice in the text.
        const string Named = "hypap-12345678-1234-1234-1234-abcdefABCDEF_tail7890123";

        var text = SecretRedactor.Redact("token " + Named + " is invalid", Named);

        Assert.Equal("token [redacted] is invalid", text);
    }

    [Fact]
    public void A_bearer_credential_that_goes_on_past_the_shape_is_one_placeholder()
    {
        const string Named = "Ab3dEf5hIj7lMn9p!Qr1tUv3xYz5bCd7fGh9";

        var text = SecretRedactor.Redact("Authorization: Bearer " + Named + " refused", Named);

        Assert.Equal("Authorization: Bearer [redacted] refused", text);
    }
}
