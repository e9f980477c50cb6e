using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace HyprAuth.Emulator;

/// <summary>
/// Replaces the default ConsoleLifetime, which would take over Ctrl+C and SIGTERM of whatever process hosts the
/// emulator (a test runner, say). Program handles signals itself.
/// </summary>
internal sealed class HostSignalsIgnored : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
