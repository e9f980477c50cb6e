using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HyprAuth.Emulator;

/// <summary>Bearer-token checks shared by the API routes: token validity, rpAppId, scope, then the optional cost throttle.</summary>
internal static class ApiAccess
{
    public const string ReportScope = "hypr:rp:report";
    private const string InvalidTokenPrefix = "Endpoint API token invalid or expired: ";

    /// <summary>The token when the request may proceed; otherwise null, with the 401/403/429 already written.</summary>
    public static Task<IssuedToken?> AuthorizeAsync(HttpContext context, EmulatorState state, string? rpAppId, bool needsReportScope, int cost) =>
        AuthorizeAsync(context, state, rpAppId, needsReportScope ? ReportScope : null, cost);

    /// <summary>As above, for a route that needs <paramref name="scope"/> (or none).</summary>
    public static async Task<IssuedToken?> AuthorizeAsync(HttpContext context, EmulatorState state, string? rpAppId, string? scope, int cost)
    {
        DateTimeOffset now = state.Clock.UtcNow;
        (IssuedToken? token, string? invalidCause) = FindToken(context.Request.Headers.Authorization, state, now);
        if (token is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await HyprError.Create(HyprError.ApiTokenInvalid, InvalidTokenPrefix + invalidCause, "invalid_token")
                .WriteAsync(context, StatusCodes.Status401Unauthorized);
            return null;
        }

        if (rpAppId is not null && !token.Client.RpAppIds.Contains(rpAppId, StringComparer.Ordinal))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
            await HyprError.Create(HyprError.ApiTokenInvalid, $"{InvalidTokenPrefix}rpAppId mismatch: the token is not valid for rpAppId {rpAppId}",
                "insufficient_scope")
                .WriteAsync(context, StatusCodes.Status403Forbidden);
            return null;
        }

        if (scope is not null && !token.Client.Scopes.Contains(scope, StringComparer.Ordinal))
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"";
            await HyprError.Create(HyprError.ApiTokenInvalid, $"{InvalidTokenPrefix}the token lacks scope {scope}", "insufficient_scope")
                .WriteAsync(context, StatusCodes.Status403Forbidden);
            return null;
        }

        EmulatorSettings settings = state.Settings;
        int retryAfter = settings.ThrottlingEnabled ? state.Throttle.TryCharge(token.Client.ClientId, cost, settings, now) : 0;
        if (retryAfter > 0)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await HyprError.Create(HyprError.TooManyRequests, "Too many requests", error: null).WriteAsync(context,
                StatusCodes.Status429TooManyRequests);
            return null;
        }

        return token;
    }

    private static (IssuedToken? Token, string? Cause) FindToken(StringValues authorization, EmulatorState state, DateTimeOffset now)
    {
        string? header = authorization.Count == 1 ? authorization[0] : null;
        if (string.IsNullOrEmpty(header))
        {
            return (null, "missing bearer token");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "Authorization scheme must be Bearer");
        }

        if (!state.Tokens.TryGet(header["Bearer ".Length..].Trim(), out IssuedToken token))
        {
            return (null, "token not found");
        }

        if (token.Revoked)
        {
            return (null, "token revoked");
        }

        return now >= token.ExpiresAt ? (null, "token expired") : (token, null);
    }
}
