using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Cache.Persistent;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Tests.TestSupport;
using Xunit;

namespace HyprAuth.Core.Tests.PersistentCache;

/// <summary>The lock across processes, on its own and as real processes racing for one credential's token.</summary>
public sealed class TokenFileLockTests
{
    [Fact]
    public async Task A_held_lock_keeps_a_second_handle_out_until_it_is_released()
    {
        using var folder = new StoreFolder();
        StoreFiles.EnsureFolder(folder.Path);
        var path = Path.Combine(folder.Path, "test.lock");
        var waits = 0;

        using (var held = TokenFileLock.TryAcquire(path))
        {
            Assert.NotNull(held);
            Assert.Null(TokenFileLock.TryAcquire(path));
            var waited = Stopwatch.StartNew();
            Assert.Null(await TokenFileLock.AcquireAsync(path, TimeSpan.FromMilliseconds(150), () => waits++, CancellationToken.None));
            Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(150));
            Assert.Equal(1, waits);
        }

        using var next = await TokenFileLock.AcquireAsync(path, TimeSpan.FromSeconds(1), () => waits++, CancellationToken.None);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task A_waiter_gets_the_lock_as_soon_as_the_holder_lets_go()
    {
        using var folder = new StoreFolder();
        StoreFiles.EnsureFolder(folder.Path);
        var path = Path.Combine(folder.Path, "test.lock");
        var held = TokenFileLock.TryAcquire(path)!;

        var waiter = TokenFileLock.AcquireAsync(path, TimeSpan.FromSeconds(5), () => { }, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(waiter.IsCompleted);
        held.Dispose();

        using var acquired = await waiter;
        Assert.NotNull(acquired);
    }

    [Fact]
    public async Task A_lock_file_that_cannot_be_opened_is_an_error_at_once_not_a_wait()
    {
        using var folder = new StoreFolder();
        var path = Path.Combine(folder.Path, "removed", "test.lock");
        var waited = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<HyprTokenStoreException>(() =>
            TokenFileLock.AcquireAsync(path, TimeSpan.FromSeconds(5), () => { }, CancellationToken.None));

        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(2), $"waited {waited.Elapsed}");
        Assert.Equal(TokenStoreErrorReason.Inaccessible, error.Reason);
        Assert.Equal(path, error.Path);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Fact]
    public async Task Four_processes_started_together_cause_one_exchange()
    {
        await using var tenant = await TestTenant.StartAsync();
        using var folder = new StoreFolder();
        var client = tenant.CreateClient();

        // The first exchange takes long enough for every other process to arrive while it holds the lock.
        tenant.Fault("token", "delay", delayMs: 500);
        var probes = Enumerable.Range(0, 4).Select(_ => StartProbe(tenant, client.ClientId, client.ClientKey, folder.Path)).ToList();
        try
        {
            foreach (var probe in probes)
            {
                Assert.Equal("ready", await probe.StandardOutput.ReadLineAsync());
            }

            foreach (var probe in probes)
            {
                await probe.StandardInput.WriteLineAsync("go");
            }

            var outputs = await Task.WhenAll(probes.Select(ReadOutcomeAsync));

            Assert.Equal(1, tenant.ExchangeAttempts(client));
            Assert.Equal(1, outputs.Count(output => output.StartsWith("exchanged ", StringComparison.Ordinal)));
            Assert.Equal(3, outputs.Count(output => output.StartsWith("stored ", StringComparison.Ordinal)));
            Assert.Single(outputs.Select(output => output.Split(' ')[1]).Distinct());
        }
        finally
        {
            foreach (var probe in probes)
            {
                if (!probe.HasExited)
                {
                    probe.Kill();
                }

                probe.Dispose();
            }
        }
    }

    private static Process StartProbe(TestTenant tenant, string clientId, string clientKey, string storeFolder)
    {
        var probe = Path.Combine(AppContext.BaseDirectory, "HyprAuth.TokenStoreProbe.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { probe, tenant.TokenEndpoint.AbsoluteUri, clientId, storeFolder })
        {
            start.ArgumentList.Add(argument);
        }

        // The key goes by environment, not on a command line other users can list.
        start.Environment["HYPRAUTH_PROBE_CLIENT_KEY"] = clientKey;
        return Process.Start(start)!;
    }

    private static async Task<string> ReadOutcomeAsync(Process probe)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var output = probe.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = probe.StandardError.ReadToEndAsync(timeout.Token);
        await probe.WaitForExitAsync(timeout.Token);
        Assert.True(probe.ExitCode == 0, "The probe failed: " + await errors);
        return (await output).Trim();
    }
}
