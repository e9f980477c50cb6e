using System;
using System.IO;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace HyprAuth.Emulator;

/// <summary>Body of POST /_emulator/tokens/revoke: one token, or every token of a client.</summary>
public sealed record RevokeRequest(string? AccessToken, string? ClientId);

/// <summary>Body of POST /_emulator/clock: the emulator clock's offset from real time.</summary>
public sealed record ClockRequest(double OffsetSeconds);

/// <summary>Answer of the control routes that have no richer result.</summary>
public sealed record ControlReply
{
    public string Status { get; init; } = "ok";
    public int? Revoked { get; init; }
    public double? OffsetSeconds { get; init; }
    public DateTimeOffset? Now { get; init; }
    public int? PendingFaults { get; init; }
}

/// <summary>The /_emulator/ routes tests use to set up and inspect the tenant; loopback callers only.</summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_emulator/";

    public static void Map(IEndpointRouteBuilder app, EmulatorState state, IHostApplicationLifetime lifetime)
    {
        app.MapPost(Prefix + "clients", Guarded(async context =>
        {
            (bool ok, ClientSpec? spec) = await ReadAsync(context, EmulatorJson.Default.ClientSpec);
            if (ok)
            {
                await Reply(context, state.CreateClient(spec), EmulatorJson.Default.RegisteredClient);
            }
        }));

        app.MapPost(Prefix + "tokens/revoke", Guarded(async context =>
        {
            (bool ok, RevokeRequest? request) = await ReadAsync(context, EmulatorJson.Default.RevokeRequest);
            if (!ok)
            {
                return;
            }

            int? revoked = request switch
            {
                { AccessToken: { } token } => state.RevokeToken(token) ? 1 : 0,
                { ClientId: { } clientId } => state.RevokeClientTokens(clientId),
                _ => null,
            };
            await (revoked is null
                ? BadRequest(context, "give accessToken or clientId")
                : Reply(context, new ControlReply { Revoked = revoked }, EmulatorJson.Default.ControlReply));
        }));

        app.MapPost(Prefix + "clock", Guarded(async context =>
        {
            (bool ok, ClockRequest? request) = await ReadAsync(context, EmulatorJson.Default.ClockRequest);
            if (!ok || request is null)
            {
                await (ok ? BadRequest(context, "give offsetSeconds") : Task.CompletedTask);
                return;
            }

            state.SetClockOffset(TimeSpan.FromSeconds(request.OffsetSeconds));
            await Reply(context, new ControlReply { OffsetSeconds = state.Clock.Offset.TotalSeconds, Now = state.Clock.UtcNow },
                EmulatorJson.Default.ControlReply);
        }));

        app.MapPost(Prefix + "faults", Guarded(async context =>
        {
            (bool ok, FaultSpec? fault) = await ReadAsync(context, EmulatorJson.Default.FaultSpec);
            if (!ok || fault is null)
            {
                await (ok ? BadRequest(context, "give a fault: {\"route\":…,\"kind\":…}") : Task.CompletedTask);
                return;
            }

            try
            {
                state.QueueFault(fault);
            }
            catch (ArgumentException exception)
            {
                await BadRequest(context, exception.Message);
                return;
            }

            await Reply(context, new ControlReply { PendingFaults = state.PendingFaults }, EmulatorJson.Default.ControlReply);
        }));

        app.MapPost(Prefix + "audit/events", Guarded(async context =>
        {
            (bool ok, AuditAppendRequest? request) = await ReadAsync(context, EmulatorJson.Default.AuditAppendRequest);
            if (!ok)
            {
                return;
            }

            try
            {
                await Reply(context, state.AppendAuditEvents(request ?? new AuditAppendRequest()), EmulatorJson.Default.AuditAppendReply);
            }
            catch (ArgumentException exception)
            {
                await BadRequest(context, exception.Message);
            }
        }));

        app.MapGet(Prefix + "counters", Guarded(context => Reply(context, state.GetCounters(), EmulatorJson.Default.CountersSnapshot)));

        app.MapPost(Prefix + "reset", Guarded(context =>
        {
            state.Reset();
            return Reply(context, new ControlReply(), EmulatorJson.Default.ControlReply);
        }));

        app.MapGet(Prefix + "settings", Guarded(context => Reply(context, state.Settings, EmulatorJson.Default.EmulatorSettings)));
        app.MapPost(Prefix + "settings", Guarded(async context =>
        {
            (bool ok, SettingsPatch? patch) = await ReadAsync(context, EmulatorJson.Default.SettingsPatch);
            if (!ok)
            {
                return;
            }

            try
            {
                state.Settings = (patch ?? new SettingsPatch()).ApplyTo(state.Settings);
            }
            catch (ArgumentException exception)
            {
                await BadRequest(context, exception.Message);
                return;
            }

            await Reply(context, state.Settings, EmulatorJson.Default.EmulatorSettings);
        }));

        app.MapGet(Prefix + "last-request", Guarded(context => Reply(context, state.LastRequest, EmulatorJson.Default.LastRequestInfo)));

        app.MapPost(Prefix + "shutdown", Guarded(context =>
        {
            // Stop once this answer is on the wire, so the caller sees it.
            context.Response.OnCompleted(() =>
            {
                lifetime.StopApplication();
                return Task.CompletedTask;
            });
            return Reply(context, new ControlReply { Status = "stopping" }, EmulatorJson.Default.ControlReply);
        }));
    }

    /// <summary>Test controls could wreck a shared tenant, so only callers on this machine get them.</summary>
    private static RequestDelegate Guarded(RequestDelegate handler) => context =>
        context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            ? handler(context)
            : HyprError.Create(HyprError.InvalidApiRequest, "test controls are for loopback callers only", "access_denied")
                .WriteAsync(context, StatusCodes.Status403Forbidden);

    /// <summary>An empty body reads as null; malformed JSON answers 400 and returns ok = false.</summary>
    private static async Task<(bool Ok, T? Value)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        using StreamReader reader = new(context.Request.Body);
        string body = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
        {
            return (true, null);
        }

        try
        {
            return (true, JsonSerializer.Deserialize(body, type));
        }
        catch (JsonException exception)
        {
            await BadRequest(context, "malformed JSON: " + exception.Message);
            return (false, null);
        }
    }

    private static Task Reply<T>(HttpContext context, T value, JsonTypeInfo<T> type) =>
        context.Response.WriteAsJsonAsync(value, type, contentType: null, context.RequestAborted);

    private static Task BadRequest(HttpContext context, string message) =>
        HyprError.Create(HyprError.InvalidApiRequest, message, "invalid_request").WriteAsync(context, StatusCodes.Status400BadRequest);
}
