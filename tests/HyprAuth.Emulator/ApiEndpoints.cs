using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HyprAuth.Emulator;

/// <summary>The bearer-protected API: bulk introspection and fetch over the sample data, and an echo for client tests.</summary>
internal static class ApiEndpoints
{
    public const string Prefix = "/rp/api/";
    private const string Introspect = "/rp/api/bulk/{rpAppId}/introspect";
    private const string IntrospectEntity = "/rp/api/bulk/{rpAppId}/introspect/{entity}";
    private const string Fetch = "/rp/api/bulk/{rpAppId}/fetch";

    // Cost units charged against the optional throttle budget: a page of data costs more than metadata.
    private const int MetadataCost = 1;
    private const int FetchCost = 5;

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapGet(Introspect, context => IntrospectAsync(context, state)).WithMetadata(new RouteCounterKey("GET " + Introspect));
        app.MapGet(IntrospectEntity, context => IntrospectEntityAsync(context, state)).WithMetadata(new RouteCounterKey("GET " + IntrospectEntity));
        app.MapPost(Fetch, context => FetchAsync(context, state)).WithMetadata(new RouteCounterKey("POST " + Fetch));
        RouteCounterKey echoKey = new("ANY " + EchoEndpoint.Path);
        app.Map(EchoEndpoint.Path, context => EchoEndpoint.HandleAsync(context, state)).WithMetadata(echoKey);
        app.Map(EchoEndpoint.Path + "/{**rest}", context => EchoEndpoint.HandleAsync(context, state)).WithMetadata(echoKey);
    }

    private static async Task IntrospectAsync(HttpContext context, EmulatorState state)
    {
        string rpAppId = RpAppId(context);
        if (await ApiAccess.AuthorizeAsync(context, state, rpAppId, needsReportScope: true, MetadataCost) is null)
        {
            return;
        }

        using Utf8JsonWriter writer = EmulatorJson.StartJsonResponse(context.Response);
        writer.WriteStartObject();
        writer.WriteString("rpAppId", rpAppId);
        writer.WriteStartArray("entities");
        foreach (SampleEntity entity in SampleData.Entities.Values)
        {
            writer.WriteStartObject();
            WriteEntityMembers(writer, entity);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static async Task IntrospectEntityAsync(HttpContext context, EmulatorState state)
    {
        string rpAppId = RpAppId(context);
        if (await ApiAccess.AuthorizeAsync(context, state, rpAppId, needsReportScope: true, MetadataCost) is null)
        {
            return;
        }

        string name = (string)context.Request.RouteValues["entity"]!;
        SampleEntity? entity = SampleData.Find(name);
        if (entity is null)
        {
            await HyprError.Create(HyprError.UnknownEntity, $"unknown entity {name}", "not_found").WriteAsync(context, StatusCodes.Status404NotFound);
            return;
        }

        using Utf8JsonWriter writer = EmulatorJson.StartJsonResponse(context.Response);
        writer.WriteStartObject();
        writer.WriteString("rpAppId", rpAppId);
        WriteEntityMembers(writer, entity);
        writer.WriteEndObject();
    }

    private static async Task FetchAsync(HttpContext context, EmulatorState state)
    {
        if (await ApiAccess.AuthorizeAsync(context, state, RpAppId(context), needsReportScope: true, FetchCost) is not null)
        {
            await FetchEndpoint.HandleAsync(context);
        }
    }

    private static void WriteEntityMembers(Utf8JsonWriter writer, SampleEntity entity)
    {
        writer.WriteString("name", entity.Name);
        writer.WriteNumber("count", entity.Records.Count);
        writer.WriteStartArray("fields");
        foreach (SampleField field in entity.Fields)
        {
            writer.WriteStartObject();
            writer.WriteString("name", field.Name);
            writer.WriteString("type", field.Type);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string RpAppId(HttpContext context) => (string)context.Request.RouteValues["rpAppId"]!;
}
