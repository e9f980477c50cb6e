using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace HyprAuth.Emulator;

/// <summary>What tests and benchmarks assert on: how often the client exchanged, called and was faulted.</summary>
internal sealed class Counters
{
    private readonly TallyMap exchanges = new();
    private readonly TallyMap exchangeAttempts = new();
    private readonly TallyMap requests = new();
    private long faultsServed;
    private long authorizationSentToOtherHost;

    public void CountExchange(string clientId) => exchanges.Increment(clientId);

    /// <summary>Counted per registered client id, or "unknown" so arbitrary subjects cannot grow the map.</summary>
    public void CountExchangeAttempt(string? registeredClientId) => exchangeAttempts.Increment(registeredClientId ?? "unknown");

    public void CountRequest(string routeKey) => requests.Increment(routeKey);

    public void CountFaultServed() => Interlocked.Increment(ref faultsServed);

    public void CountAuthorizationSentToOtherHost() => Interlocked.Increment(ref authorizationSentToOtherHost);

    public CountersSnapshot Snapshot(IReadOnlyDictionary<string, long> activeTokens) => new()
    {
        Exchanges = exchanges.Snapshot(),
        ExchangeAttempts = exchangeAttempts.Snapshot(),
        ActiveTokens = activeTokens,
        Requests = requests.Snapshot(),
        FaultsServed = Interlocked.Read(ref faultsServed),
        AuthorizationSentToOtherHost = Interlocked.Read(ref authorizationSentToOtherHost),
    };

    public void Reset()
    {
        exchanges.Clear();
        exchangeAttempts.Clear();
        requests.Clear();
        Interlocked.Exchange(ref faultsServed, 0);
        Interlocked.Exchange(ref authorizationSentToOtherHost, 0);
    }

    private sealed class TallyMap
    {
        private readonly ConcurrentDictionary<string, Tally> tallies = new(StringComparer.Ordinal);

        public void Increment(string key) => Interlocked.Increment(ref tallies.GetOrAdd(key, static _ => new Tally()).Value);

        public IReadOnlyDictionary<string, long> Snapshot() =>
            tallies.ToDictionary(pair => pair.Key, pair => Interlocked.Read(ref pair.Value.Value), StringComparer.Ordinal);

        public void Clear() => tallies.Clear();

        private sealed class Tally
        {
            public long Value;
        }
    }
}

/// <summary>A point-in-time copy of <see cref="Counters"/>; serialised as the /_emulator/counters body.</summary>
public sealed record CountersSnapshot
{
    public required IReadOnlyDictionary<string, long> Exchanges { get; init; }
    public required IReadOnlyDictionary<string, long> ExchangeAttempts { get; init; }
    public required IReadOnlyDictionary<string, long> ActiveTokens { get; init; }
    public required IReadOnlyDictionary<string, long> Requests { get; init; }
    public required long FaultsServed { get; init; }
    public required long AuthorizationSentToOtherHost { get; init; }

    /// <summary>Missing keys read as zero, so tests need not care whether a key was ever touched.</summary>
    public static long Get(IReadOnlyDictionary<string, long> map, string key) => map.TryGetValue(key, out long n) ? n : 0;
}
