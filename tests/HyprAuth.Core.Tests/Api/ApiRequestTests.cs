using System;
using System.Collections.Generic;
using System.Net.Http;
using HyprAuth.Core.Api;
using HyprAuth.Core.Errors;
using Xunit;

namespace HyprAuth.Core.Tests.Api;

public sealed class ApiRequestTests
{
    private static readonly Uri Tenant = new Uri("https://highlandsbank.hypr.com");

    [Theory]
    [InlineData("Authorization")]
    [InlineData("authorization")]
    [InlineData(" Host ")]
    public void Authorization_and_Host_cannot_be_set(string name)
    {
        var request = new ApiRequest(HttpMethod.Get, Tenant);

        var error = Assert.Throws<HyprArgumentException>(() => request.AddHeader(name, "Bearer stolen"));

        Assert.Equal("Headers", error.ParameterName);
        Assert.DoesNotContain("stolen", error.Message);
        Assert.Empty(request.Headers);
    }

    [Theory]
    [InlineData("X-Test", "a\r\nInjected: yes")]
    [InlineData("Bad Name", "x")]
    [InlineData("", "x")]
    public void Malformed_headers_are_refused(string name, string value)
    {
        Assert.Equal("Headers",
            Assert.Throws<HyprArgumentException>(() => new ApiRequest(HttpMethod.Get, Tenant).AddHeader(name, value)).ParameterName);
    }

    [Fact]
    public void Invalid_content_type_is_refused()
    {
        Assert.Equal("ContentType",
            Assert.Throws<HyprArgumentException>(() => new ApiRequest(HttpMethod.Post, Tenant) { ContentType = "not a type" }).ParameterName);
    }

    [Theory]
    [InlineData("/rp/api/x", "https://highlandsbank.hypr.com/rp/api/x")]
    [InlineData("rp/api/x", "https://highlandsbank.hypr.com/rp/api/x")]
    [InlineData("/rp/api/x?a=1&b=c d", "https://highlandsbank.hypr.com/rp/api/x?a=1&b=c%20d")]
    [InlineData("/rp/api/a%2Fb", "https://highlandsbank.hypr.com/rp/api/a%2Fb")]
    [InlineData("/rp/api/100%", "https://highlandsbank.hypr.com/rp/api/100%25")]
    [InlineData("https://highlandsbank.hypr.com/rp/api/next?page=2", "https://highlandsbank.hypr.com/rp/api/next?page=2")]
    public void Paths_join_the_tenant(string path, string expected)
    {
        Assert.Equal(expected, ApiUri.Build(Tenant, path).AbsoluteUri);
    }

    [Fact]
    public void Query_values_are_encoded_beyond_unreserved_characters()
    {
        var uri = ApiUri.Build(Tenant, "/rp/api/x", new[]
        {
            new KeyValuePair<string, string?>("q", "a&b=c+d/é!*'()"),
        });

        Assert.Equal("https://highlandsbank.hypr.com/rp/api/x?q=a%26b%3Dc%2Bd%2F%C3%A9%21%2A%27%28%29", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("//evil.example/rp/api/x")]
    [InlineData("\\\\evil.example/x")]
    [InlineData("/\\evil.example/x")]
    [InlineData("https://evil.example/rp/api/x")]
    [InlineData("http://highlandsbank.hypr.com/rp/api/x")]
    [InlineData("https://highlandsbank.hypr.com:8443/rp/api/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/rp/api/x#fragment")]
    public void Paths_that_leave_the_tenant_are_refused(string path)
    {
        Assert.Equal("Path", Assert.Throws<HyprArgumentException>(() => ApiUri.Build(Tenant, path)).ParameterName);
    }
}
