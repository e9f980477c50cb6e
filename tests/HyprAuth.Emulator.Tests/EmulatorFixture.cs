using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Emulator.Tests;

/// <summary>One in-process emulator per test class, with an HttpClient pointed at it.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string TokenPath = "rp/token/endpoint/exchange/clientcredentials";
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private EmulatorHost? host;
    private HttpClient? http;

    public EmulatorHost Host => host ?? throw new InvalidOperationException("not started");
    public EmulatorState State => Host.State;
    public HttpClient Http => http ?? throw new InvalidOperationException("not started");
    public long Now => State.Clock.UnixSeconds;

    public async Task InitializeAsync()
    {
        host = await EmulatorHost.StartAsync();
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUri };
    }

    public async Task DisposeAsync()
    {
        http?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    public Task<HttpResponseMessage> ExchangeAsync(string assertion, string grantType = "authorization_code", string assertionType = AssertionType) =>
        Http.PostAsync(TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["client_assertion_type"] = assertionType,
            ["client_assertion"] = assertion,
        }));

    public async Task<string> GetTokenAsync(RegisteredClient client)
    {
        using HttpResponseMessage response = await ExchangeAsync(TestJwt.Create(client, Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        HttpRequestMessage request = new(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> FetchAsync(string token, object body, string rpAppId = "HYPRDefaultApplication") =>
        SendAsync(HttpMethod.Post, $"rp/api/bulk/{rpAppId}/fetch", token, JsonContent.Create(body));

    /// <summary>Reads an error body and checks its HYPR code; returns the message.</summary>
    public static async Task<string> ErrorMessageAsync(HttpResponseMessage response, int expectedCode)
    {
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(expectedCode, body.RootElement.GetProperty("errorCode").GetInt32());
        return body.RootElement.GetProperty("errorMessage").GetString()!;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }
}
