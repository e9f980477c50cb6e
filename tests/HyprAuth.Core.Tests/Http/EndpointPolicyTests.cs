using System;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;
using Xunit;

namespace HyprAuth.Core.Tests.Http;

public sealed class EndpointPolicyTests
{
    [Theory]
    [InlineData("highlandsbank.hypr.com", "https://highlandsbank.hypr.com/")]
    [InlineData(" https://highlandsbank.hypr.com/ ", "https://highlandsbank.hypr.com/")]
    [InlineData("https://highlandsbank.hypr.com:8443", "https://highlandsbank.hypr.com:8443/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/")]
    [InlineData("http://127.10.20.30", "http://127.10.20.30/")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080/")]
    public void Tenant_uris_accepted(string given, string expected)
    {
        Assert.Equal(expected, EndpointPolicy.ParseTenantUri(given).AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("http://highlandsbank.hypr.com")]
    [InlineData("http://10.0.0.1")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("ftp://highlandsbank.hypr.com")]
    [InlineData("https://user:secret@highlandsbank.hypr.com")]
    [InlineData("https://highlandsbank.hypr.com/?x=1")]
    [InlineData("https://")]
    [InlineData("https://highlandsbank.hypr.com/rp")]
    [InlineData("https://highlandsbank.hypr.com/rp/api/")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("localhost:5000")]
    public void Tenant_uris_refused(string given)
    {
        var error = Assert.Throws<HyprArgumentException>(() => EndpointPolicy.ParseTenantUri(given));
        Assert.Equal("TenantUri", error.ParameterName);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData("https://tenant.hypr.com/rp", "https://tenant.hypr.com")]
    [InlineData("http://127.0.0.1:5000/rp", "http://127.0.0.1:5000")]
    [InlineData("https://tenant.hypr.com:8443/cc/api", "https://tenant.hypr.com:8443")]
    public void A_tenant_with_a_path_is_told_to_use_the_bare_address_with_its_own_scheme(string given, string bare)
    {
        var error = Assert.Throws<HyprArgumentException>(() => EndpointPolicy.ParseTenantUri(given));
        Assert.Contains($"use the bare tenant address, e.g. {bare};", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loopback_tenant_without_a_scheme_is_told_the_scheme_is_missing()
    {
        var error = Assert.Throws<HyprArgumentException>(() => EndpointPolicy.ParseTenantUri("127.0.0.1:5000"));
        Assert.Contains("no scheme", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_endpoint_is_the_tenant_plus_HYPRs_path_unless_overridden()
    {
        var tenant = EndpointPolicy.ParseTenantUri("highlandsbank.hypr.com");

        Assert.Equal("https://highlandsbank.hypr.com/rp/token/endpoint/exchange/clientcredentials",
            EndpointPolicy.ResolveTokenEndpoint(tenant).AbsoluteUri);
        Assert.Equal("https://login.example.com/oauth2/token",
            EndpointPolicy.ResolveTokenEndpoint(tenant, "https://login.example.com/oauth2/token").AbsoluteUri);
    }

    [Theory]
    [InlineData("/rp/token")]
    [InlineData("rp/token")]
    [InlineData("http://login.example.com/token")]
    [InlineData("ftp://login.example.com/token")]
    public void Token_endpoint_overrides_refused(string given)
    {
        var tenant = EndpointPolicy.ParseTenantUri("highlandsbank.hypr.com");
        Assert.Equal("TokenEndpoint",
            Assert.Throws<HyprArgumentException>(() => EndpointPolicy.ResolveTokenEndpoint(tenant, given)).ParameterName);
    }

    [Theory]
    [InlineData("https://a.example/x", "https://A.example:443/y", true)]
    [InlineData("https://a.example/x", "http://a.example/x", false)]
    [InlineData("https://a.example/x", "https://a.example:8443/x", false)]
    [InlineData("https://a.example/x", "https://b.example/x", false)]
    public void Same_origin_means_scheme_host_and_port(string a, string b, bool same)
    {
        Assert.Equal(same, EndpointPolicy.IsSameOrigin(new Uri(a), new Uri(b)));
    }
}
