using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HyprAuth.Emulator;

/// <summary>A running emulator on 127.0.0.1: start it in-process from tests, or through Program from scripts.</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private EmulatorHost(WebApplication app, EmulatorState state, Uri baseUri)
    {
        this.app = app;
        State = state;
        BaseUri = baseUri;
    }

    /// <summary>The base address with a trailing slash, e.g. http://127.0.0.1:41234/ (https:// with <see cref="EmulatorOptions.Tls"/>).</summary>
    public Uri BaseUri { get; }

    public EmulatorState State { get; }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        EmulatorState state = new(options.Settings);
        if (options.RegistryPath is not null)
        {
            if (!options.RegistryMayBeMissing && !File.Exists(options.RegistryPath))
            {
                throw new FileNotFoundException($"Registry file {options.RegistryPath} does not exist.", options.RegistryPath);
            }

            state.Registry.BackingFile = Path.GetFullPath(options.RegistryPath);
            state.Registry.ReloadIfChanged();
        }

        // The empty builder skips configuration files, logging and file watchers: fast start-up, no console noise.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (options.Tls is not null)
                {
                    listen.UseHttps(options.Tls.ServerCertificate);
                }
            });
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, HostSignalsIgnored>();
        WebApplication app = builder.Build();
        app.Use((context, next) =>
        {
            // Set before anything is written, so Kestrel keeps it: clients read the tenant's (shifted) time from every response.
            context.Response.Headers.Date = state.Clock.DateHeaderValue;
            return next(context);
        });
        app.UseRouting();
        app.Use(TenantRequestObserver.Create(state));
        TokenExchangeEndpoint.Map(app, state);
        ApiEndpoints.Map(app, state);
        AuditEndpoints.Map(app, state);
        ControlEndpoints.Map(app, state, app.Lifetime);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EmulatorHost(app, state, new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/"));
    }

    /// <summary>Completes when the emulator stops (POST /_emulator/shutdown or <see cref="Stop"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    public void Stop() => app.Lifetime.StopApplication();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
