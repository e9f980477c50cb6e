using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Emulator.Tests;

/// <summary>The emulator as scripts use it: a process that prints its URL first and dies with its stdin.</summary>
public sealed class CliTests
{
    private static readonly string EmulatorDll = typeof(EmulatorHost).Assembly.Location;

    [Fact]
    public async Task ProcessPrintsItsUrlServesAndExitsWhenStdinCloses()
    {
        using Process process = Start(EmulatorDll);
        try
        {
            Task<string?> firstLine = process.StandardOutput.ReadLineAsync();
            Assert.Same(firstLine, await Task.WhenAny(firstLine, Task.Delay(TimeSpan.FromSeconds(10))));
            string url = (await firstLine)!;
            Assert.Matches(@"^http://127\.0\.0\.1:\d+$", url);

            using HttpClient http = new();
            using HttpResponseMessage response = await http.GetAsync(url + "/_emulator/counters");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            Stopwatch watch = Stopwatch.StartNew();
            process.StandardInput.Close();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(2)), "emulator still running 2 s after stdin closed");
            Assert.Equal(0, process.ExitCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
            Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task NewClientCommandWritesARegistryTheServerLoads()
    {
        string registry = Path.Combine(Path.GetTempPath(), $"hypr-emulator-{Guid.NewGuid():N}.json");
        try
        {
            (string clientId, string clientKey) =
                await NewClientAsync(registry, "--client-id", "hypap-cli-test", "--scopes", "hypr:rp:report", "--ttl", "600");
            (string rotatedId, string rotatedKey) = await NewClientAsync(registry, "--client-id", "hypap-cli-test");
            Assert.Equal("hypap-cli-test", clientId);
            Assert.Equal(clientId, rotatedId);
            Assert.DoesNotContain(clientKey, await File.ReadAllTextAsync(registry));

            await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { RegistryPath = registry });
            EmulatorClient loaded = Assert.Single(host.State.Registry.Clients);
            Assert.Equal(2, loaded.Keys.Count);
            Assert.Equal(600, loaded.TokenTtlSeconds);
            Assert.Equal(["hypr:rp:report"], loaded.Scopes);

            using HttpClient http = new() { BaseAddress = host.BaseUri };
            foreach (string key in new[] { clientKey, rotatedKey })
            {
                RegisteredClient client = new()
                {
                    ClientId = clientId, ClientKey = key, KeyId = Guid.NewGuid().ToString(), PublicJwk = loaded.Keys[0],
                    Scopes = loaded.Scopes, RpAppIds = loaded.RpAppIds, TokenTtlSeconds = 600, MaxActiveTokens = 5,
                };
                using HttpResponseMessage response =
                    await http.PostAsync(EmulatorFixture.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "authorization_code",
                    ["client_assertion_type"] = EmulatorFixture.AssertionType,
                    ["client_assertion"] = TestJwt.Create(client, host.State.Clock.UnixSeconds),
                }));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
        finally
        {
            File.Delete(registry);
        }
    }

    [Fact]
    public async Task ARunningServerFindsAClientCreatedAfterItStartedInTheSameDefaultFile()
    {
        // Both commands default to ./clients.json: run them in one empty folder, the server started first.
        string folder = Path.Combine(Path.GetTempPath(), $"hypr-emulator-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        using Process server = StartIn(folder, EmulatorDll);
        try
        {
            string url = (await server.StandardOutput.ReadLineAsync())!;
            Assert.Matches(@"^http://127\.0\.0\.1:\d+$", url);
            (string clientId, string clientKey) = await NewClientInAsync(folder, null);
            EmulatorClient saved = Assert.Single(ClientRegistry.ReadFile(Path.Combine(folder, "clients.json")));
            RegisteredClient client = new()
            {
                ClientId = clientId, ClientKey = clientKey, KeyId = saved.Keys[0].Kid, PublicJwk = saved.Keys[0],
                Scopes = saved.Scopes, RpAppIds = saved.RpAppIds, TokenTtlSeconds = saved.TokenTtlSeconds, MaxActiveTokens = saved.MaxActiveTokens,
            };

            using HttpClient http = new();
            using HttpResponseMessage response =
                await http.PostAsync(url + "/" + EmulatorFixture.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["client_assertion_type"] = EmulatorFixture.AssertionType,
                ["client_assertion"] = TestJwt.Create(client, DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            server.StandardInput.Close();
            server.WaitForExit(5000);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task HelpPrintsUsageAndSucceeds(string option)
    {
        using Process process = Start(EmulatorDll, option);
        process.StandardInput.Close();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("usage: HyprAuth.Emulator", output);
        Assert.Contains("new-client", output);
        Assert.Contains("clients.json", output);
    }

    [Fact]
    public async Task UnknownOptionExitsWithUsage()
    {
        using Process process = Start(EmulatorDll, "--bogus", "1");

        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("unknown option --bogus", error);
    }

    private static Task<(string ClientId, string ClientKey)> NewClientAsync(string registry, params string[] options) =>
        NewClientInAsync(null, registry, options);

    /// <summary>new-client run in <paramref name="folder"/> (the current directory), with --registry when one is given.</summary>
    private static async Task<(string ClientId, string ClientKey)> NewClientInAsync(string? folder, string? registry, params string[] options)
    {
        string[] registryOption = registry is null ? [] : ["--registry", registry];
        using Process process = StartIn(folder, [EmulatorDll, "new-client", .. registryOption, .. options]);
        process.StandardInput.Close();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Client Id: ", lines[0]);
        Assert.StartsWith("Client key: ", lines[1]);
        return (lines[0]["Client Id: ".Length..], lines[1]["Client key: ".Length..]);
    }

    private static Process Start(params string[] arguments) => StartIn(null, arguments);

    private static Process StartIn(string? folder, params string[] arguments)
    {
        ProcessStartInfo start = new("dotnet")
        {
            WorkingDirectory = folder ?? string.Empty,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
