using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace HyprAuth.Emulator;

/// <summary>Runs before every tenant (non-control) route: records and counts the request, then serves a queued fault if one matches.</summary>
internal static class TenantRequestObserver
{
    public static Func<HttpContext, RequestDelegate, Task> Create(EmulatorState state) => async (context, next) =>
    {
        HttpRequest request = context.Request;
        if (request.Path.StartsWithSegments(ControlEndpoints.Prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        bool authorizationPresent = request.Headers.ContainsKey("Authorization");
        if (authorizationPresent && string.Equals(request.Host.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            // The emulator advertises 127.0.0.1, so "localhost" is the other host its redirect faults point to.
            state.Counters.CountAuthorizationSentToOtherHost();
        }

        state.LastRequest =
            new LastRequestInfo(request.Method, request.Path.Value ?? string.Empty, request.Host.Value ?? string.Empty,
            request.Headers.Keys.ToArray(), authorizationPresent);
        state.Counters.CountRequest(context.GetEndpoint()?.Metadata.GetMetadata<RouteCounterKey>()?.Key ?? $"{request.Method} {request.Path.Value}");
        if (!await state.Faults.TryServeAsync(context))
        {
            await next(context);
        }
    };
}
