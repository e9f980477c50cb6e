using System;
using System.Collections.Generic;
using System.Linq;

namespace HyprAuth.Benchmarks;

/// <summary>
/// Raw ECDsa.SignData, HyprSigningKey.Sign and ClientAssertionFactory.Create timed in alternating blocks (A B C A B C …),
/// so every variant sees the same machine load; the medians per signature give the ratio the signing target is read on.
/// Timed in the thread's CPU time where the OS gives it (<see cref="ThreadCpuClock"/>), so waiting for a loaded core is not counted.
/// </summary>
internal sealed class SigningComparison
{
    private SigningComparison(int rounds, int block, IReadOnlyList<(string Name, double Ns)> medians, IReadOnlyList<double> rateRatios)
    {
        Rounds = rounds;
        Block = block;
        Medians = medians;
        RateRatios = rateRatios;
    }

    public int Rounds { get; }

    public int Block { get; }

    /// <summary>Raw first, then ours.</summary>
    public IReadOnlyList<(string Name, double Ns)> Medians { get; }

    /// <summary>
    /// Per variant, the median over rounds of (raw time / its time) within the same round: pairing neighbouring blocks
    /// cancels the load's slow drift, so this is the ratio the target is read on (1 for raw itself).
    /// </summary>
    public IReadOnlyList<double> RateRatios { get; }

    public static SigningComparison Run(int rounds, int block)
    {
        var benchmarks = new SigningBenchmarks();
        benchmarks.Setup();
        try
        {
            var variants = new (string Name, Action Work)[]
            {
                ("raw ECDsa.SignData (P-256, SHA-256)", () => benchmarks.RawSignData()),
                ("HyprSigningKey.Sign", () => benchmarks.SigningKeySign()),
                ("ClientAssertionFactory.Create (whole assertion)", () => benchmarks.CreateAssertion()),
            };
            var samples = variants.Select(_ => new List<double>()).ToArray();
            for (var round = -1; round < rounds; round++)
            {
                for (var v = 0; v < variants.Length; v++)
                {
                    var start = ThreadCpuClock.NowNs();
                    for (var i = 0; i < block; i++)
                    {
                        variants[v].Work();
                    }

                    var elapsed = ThreadCpuClock.NowNs() - start;
                    if (round >= 0)
                    {
                        samples[v].Add(elapsed / block);
                    }
                }
            }

            var ratios = variants.Select((_, v) => Median(samples[0].Select((raw, round) => raw / samples[v][round]).ToList())).ToList();
            return new SigningComparison(rounds, block, variants.Select((variant, v) => (variant.Name, Median(samples[v]))).ToList(), ratios);
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(value => value).ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
