using System;
using System.Net;
using System.Net.Http;
using System.Text;
using HyprAuth.Core.Http;
using Xunit;

namespace HyprAuth.Core.Tests.Http;

public sealed class ServerErrorParserTests
{
    [Fact]
    public void HYPR_body()
    {
        var error = Parse("{\"errorCode\":1201047,\"errorMessage\":\"Invalid token " +
            "exchange request\",\"error\":\"invalid_client\",\"error_description\":\"x\"}");

        Assert.Equal(1201047, error.HyprErrorCode);
        Assert.Equal("invalid_client", error.OAuthError);
        Assert.Equal("Invalid token exchange request", error.Message);
    }

    [Fact]
    public void Code_as_a_string_and_OAuth_pair()
    {
        var error = Parse("{\"errorCode\":\" 1201093 \",\"error\":\"slow_down\",\"error_description\":\"throttled\"}");

        Assert.Equal(1201093, error.HyprErrorCode);
        Assert.Equal("slow_down", error.OAuthError);
        Assert.Equal("throttled", error.Message);
    }

    [Fact]
    public void RFC_7807_problem()
    {
        var error = Parse("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"missing grant_type\"}",
            "application/problem+json");

        Assert.Null(error.HyprErrorCode);
        Assert.Equal("missing grant_type", error.Message);
    }

    [Fact]
    public void Nested_status_response_code()
    {
        var error = Parse("{\"status\":{\"responseCode\":\"1201046\",\"responseMessage\":\"Endpoint API token invalid or expired\"}}");

        Assert.Equal(1201046, error.HyprErrorCode);
        Assert.Equal("Endpoint API token invalid or expired", error.Message);
    }

    [Fact]
    public void Error_with_spaces_is_a_message_not_a_code()
    {
        var error = Parse("{\"error\":\"something went wrong\"}");

        Assert.Null(error.OAuthError);
        Assert.Equal("something went wrong", error.Message);
    }

    [Fact]
    public void Bearer_challenge_parameters()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate",
            "Bearer realm=\"hypr\", error=\"insufficient_scope\", scope=\"hypr:rp:report\"");
        var error = ServerErrorParser.Parse(Body(string.Empty, null), response.Headers, Array.Empty<string>());

        Assert.Equal("insufficient_scope", error.WwwAuthenticateError);
        Assert.Equal("insufficient_scope", error.OAuthError);
        Assert.Equal("hypr:rp:report", error.RequiredScope);
    }

    [Fact]
    public void Html_page_is_described()
    {
        var html = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";
        var error = Parse(html, "text/html");

        Assert.Equal($"an HTML page (text/html, {html.Length} bytes)", error.Message);
    }

    [Fact]
    public void Plain_text_is_kept_short_flat_and_redacted()
    {
        var secret = "hypap-aaaabbbb-cccc-dddd";
        var error = Parse("line one\r\nline two " + secret + " " + new string('z', 1000), "text/plain", secret);

        Assert.StartsWith("line one line two [redacted] zzz", error.Message);
        Assert.True(error.Message!.Length <= 300);
    }

    [Fact]
    public void Unknown_shapes_yield_nothing()
    {
        var error = Parse("{\"foo\":{\"bar\":1}}");

        Assert.Null(error.HyprErrorCode);
        Assert.Null(error.Message);
        Assert.Null(error.OAuthError);
    }

    private static Errors.ServerError Parse(string body, string mediaType = "application/json", params string[] secrets)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
        return ServerErrorParser.Parse(Body(body, mediaType), response.Headers, secrets);
    }

    private static ResponseBody Body(string text, string? mediaType)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new ResponseBody(bytes, bytes.Length, false, mediaType, null);
    }
}
