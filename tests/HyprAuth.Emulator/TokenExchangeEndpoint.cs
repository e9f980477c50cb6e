using System;
using System.IO;
using System.Linq;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace HyprAuth.Emulator;

/// <summary>The success body of the token exchange, as HYPR documents it.</summary>
public sealed record TokenResponse
{
    [JsonPropertyName("token_type")] public string TokenType { get; init; } = "Bearer";
    [JsonPropertyName("expires_in")] public required int ExpiresIn { get; init; }
    [JsonPropertyName("access_token")] public required string AccessToken { get; init; }
    [JsonPropertyName("scope")] public required string Scope { get; init; }
}

/// <summary>POST /rp/token/endpoint/exchange/clientcredentials: a client assertion in, an access token out.</summary>
internal static class TokenExchangeEndpoint
{
    public const string Path = "/rp/token/endpoint/exchange/clientcredentials";
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        AssertionValidator validator = new(state);
        app.MapPost(Path, context => HandleAsync(context, state, validator)).WithMetadata(new RouteCounterKey("POST " + Path));
    }

    private static async Task HandleAsync(HttpContext context, EmulatorState state, AssertionValidator validator)
    {
        string? formFailure = null;
        IFormCollection? form = null;
        if (!IsUrlEncodedForm(context.Request.ContentType))
        {
            formFailure = "content type must be application/x-www-form-urlencoded";
        }
        else
        {
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                formFailure = "malformed form body";
            }
        }

        formFailure ??= CheckParameters(form!, state.Settings);
        if (formFailure is not null)
        {
            state.Counters.CountExchangeAttempt(null);
            await HyprError.Create(HyprError.InvalidExchange, formFailure, "invalid_request").WriteAsync(context, StatusCodes.Status400BadRequest);
            return;
        }

        AssertionOutcome outcome = validator.Validate(form!["client_assertion"].ToString());
        state.Counters.CountExchangeAttempt(outcome.Client?.ClientId);
        if (outcome.Failure is not null)
        {
            await HyprError.Create(HyprError.InvalidExchange, outcome.Failure, "invalid_client").WriteAsync(context, StatusCodes.Status400BadRequest);
            return;
        }

        EmulatorClient client = outcome.Client!;
        if (client.TokenTtlSeconds < 60)
        {
            await HyprError.Create(HyprError.InvalidParameters, "token TTL must be at least 60 seconds", "invalid_request").WriteAsync(context,
                StatusCodes.Status400BadRequest);
            return;
        }

        string? badScope = client.Scopes.FirstOrDefault(scope => !scope.StartsWith("hypr:", StringComparison.Ordinal));
        if (badScope is not null)
        {
            await HyprError.Create(HyprError.InvalidParameters, $"scope {badScope} is not an API scope", "invalid_scope").WriteAsync(context,
                StatusCodes.Status400BadRequest);
            return;
        }

        IssuedToken? token = state.Tokens.TryIssue(client, state.Clock.UtcNow);
        if (token is null)
        {
            // HYPR documents no status for 1201093; 429 without Retry-After, because waiting alone does not help until a token expires.
            await HyprError.Create(HyprError.ExchangeThrottled, "OAuth request throttled: too many active tokens", "slow_down").WriteAsync(context,
                StatusCodes.Status429TooManyRequests);
            return;
        }

        state.Counters.CountExchange(client.ClientId);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        TokenResponse body = new() { ExpiresIn = client.TokenTtlSeconds, AccessToken = token.Value, Scope = string.Join(' ', client.Scopes) };
        await context.Response.WriteAsJsonAsync(body, EmulatorJson.Default.TokenResponse, contentType: null, context.RequestAborted);
    }

    private static string? CheckParameters(IFormCollection form, EmulatorSettings settings)
    {
        StringValues grantType = form["grant_type"];
        if (grantType.Count != 1 || string.IsNullOrEmpty(grantType[0]))
        {
            return "missing grant_type";
        }

        if (!settings.AcceptedGrantTypes.Contains(grantType[0]))
        {
            return $"unsupported grant_type; accepted: {string.Join(", ", settings.AcceptedGrantTypes)}";
        }

        if (form["client_assertion_type"] != JwtBearerAssertionType)
        {
            return $"client_assertion_type must be {JwtBearerAssertionType}";
        }

        return form["client_assertion"] is { Count: 1 } assertion && !string.IsNullOrEmpty(assertion[0]) ? null : "missing client_assertion";
    }

    private static bool IsUrlEncodedForm(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
