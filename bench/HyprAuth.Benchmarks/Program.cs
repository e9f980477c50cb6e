using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HyprAuth.Benchmarks;

// Usage: HyprAuth.Benchmarks [--quick] [--signing-only] [--json results.json] [--artifacts folder]
// A short in-process job (no generated project to build, so the run takes about a minute); --quick is a smoke run.
bool quick = args.Contains("--quick");
string? jsonPath = Option("--json");
string artifacts = Option("--artifacts") ?? Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");

Job job = quick
    ? Job.Dry.WithIterationCount(3).WithInvocationCount(64).WithUnrollFactor(1)
    : new Job("Short")
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(7)
        .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250));
job = job.WithToolchain(InProcessEmitToolchain.Instance).WithId(quick ? "Quick" : "Short");

IConfig config = ManualConfig.CreateEmpty()
    .AddJob(job)
    .AddLogger(ConsoleLogger.Default)
    .AddColumnProvider(DefaultColumnProviders.Instance)
    .AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddExporter(MarkdownExporter.GitHub)
    .WithArtifactsPath(artifacts);

// --signing-only: just the interleaved signing check below (a few seconds), e.g. to try a change to the signing path.
Summary[] summaries = args.Contains("--signing-only")
    ? Array.Empty<Summary>()
    : BenchmarkRunner.Run(new[] { typeof(SigningBenchmarks), typeof(TenantBenchmarks) }, config);

var results = new List<Dictionary<string, object?>>();
foreach (Summary summary in summaries)
{
    foreach (BenchmarkReport report in summary.Reports)
    {
        var statistics = report.ResultStatistics;
        results.Add(new Dictionary<string, object?>
        {
            ["class"] = report.BenchmarkCase.Descriptor.Type.Name,
            ["method"] = report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
            ["description"] = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
            ["medianNs"] = statistics?.Median,
            ["meanNs"] = statistics?.Mean,
            ["stdDevNs"] = statistics?.StandardDeviation,
            ["iterations"] = statistics?.N,
            ["allocatedBytes"] = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
            ["success"] = report.Success && statistics != null,
        });
    }
}

// The signing ratio once more, interleaved: on a shared machine the load drifts between BenchmarkDotNet's benchmarks,
// so alternating short blocks of raw and ours gives the fairer ratio.
SigningComparison signing = SigningComparison.Run(quick ? 5 : 61, quick ? 200 : 500);
Console.WriteLine();
Console.WriteLine($"Interleaved signing check ({signing.Rounds} rounds of {signing.Block} signatures per variant; medians per signature, and of the per-round rate ratios):");
for (int v = 0; v < signing.Medians.Count; v++)
{
    (string name, double ns) = signing.Medians[v];
    Console.WriteLine($"  {name,-50} {ns / 1000:N2} µs  ({1e9 / ns:N0}/s, {signing.RateRatios[v]:N2}× the raw rate)");
}

if (jsonPath != null)
{
    var document = new Dictionary<string, object?>
    {
        ["processorCount"] = Environment.ProcessorCount,
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        ["job"] = job.Id,
        ["results"] = results,
        ["interleavedSigning"] = new Dictionary<string, object?>
        {
            ["rounds"] = signing.Rounds,
            ["block"] = signing.Block,
            ["medianNs"] = signing.Medians.ToDictionary(pair => pair.Name, pair => (object?)pair.Ns),
            ["rateRatio"] = signing.Medians.Select((pair, v) => (pair.Name, Ratio: signing.RateRatios[v])).ToDictionary(pair => pair.Name, pair => (object?)pair.Ratio),
        },
    };
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
    File.WriteAllText(jsonPath, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
}

return (results.Count > 0 || args.Contains("--signing-only")) && results.All(result => (bool)result["success"]!) ? 0 : 1;

string? Option(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
