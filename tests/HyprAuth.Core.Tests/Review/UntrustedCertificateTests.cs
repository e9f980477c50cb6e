using System;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Tests.TestSupport;
using HyprAuth.Emulator;
using Xunit;

namespace HyprAuth.Core.Tests.Review;

/// <summary>TLS: a certificate this computer does not trust ends the exchange at once, as a TLS failure that says so, never retried.</summary>
public sealed class UntrustedCertificateTests
{
    [Fact]
    public async Task A_certificate_from_an_unknown_authority_is_a_TLS_failure_without_retries()
    {
        using var tls = EmulatorTls.Create();
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Tls = tls });
        var client = host.State.CreateClient();
        var endpoint = EndpointPolicy.ResolveTokenEndpoint(EndpointPolicy.ParseTenantUri(host.BaseUri.AbsoluteUri));
        var events = new RecordingEvents();
        var request = new TokenRequest(endpoint, client.ClientId, HyprSigningKey.Import(client.ClientKey))
        {
            Transport = new TransportOptions(TimeSpan.FromSeconds(10)),
        };

        // The process's shared clients, with the machine's trust: the emulator's throwaway authority is not in it.
        var error = await Assert.ThrowsAsync<HyprTlsException>(() =>
            new TokenClient().RequestTokenAsync(request, events, CancellationToken.None));

        Assert.StartsWith("https://127.0.0.1:", host.BaseUri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("certificate of 127.0.0.1 was not trusted", error.Message, StringComparison.Ordinal);
        Assert.Empty(events.ProgressUpdates);
        Assert.DoesNotContain(events.VerboseMessages, m => m.Contains("retry", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, CountersSnapshot.Get(host.State.GetCounters().ExchangeAttempts, client.ClientId));
        SecretAssert.NoneIn(new[] { client.ClientKey }, error, events);
    }
}
