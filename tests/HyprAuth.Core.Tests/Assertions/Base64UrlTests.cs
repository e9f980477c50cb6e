using HyprAuth.Core.Json;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace HyprAuth.Core.Tests.Assertions;

/// <summary>Why the engine keeps its own strict JWS-segment decoder beside Microsoft.IdentityModel's encoder.</summary>
public sealed class Base64UrlTests
{
    [Theory]
    [InlineData("QUI=")]
    [InlineData("QU I")]
    [InlineData("QU+/")]
    public void The_library_decoder_accepts_what_a_JWS_segment_may_not_hold_and_ours_refuses_it(string segment)
    {
        Assert.NotEmpty(Base64UrlEncoder.DecodeBytes(segment));

        Assert.False(Base64Url.TryDecode(segment, out _));
    }

    [Fact]
    public void Both_read_a_valid_segment_alike()
    {
        Assert.True(Base64Url.TryDecode("QU-_", out var ours));

        Assert.Equal(Base64UrlEncoder.DecodeBytes("QU-_"), ours);
    }
}
