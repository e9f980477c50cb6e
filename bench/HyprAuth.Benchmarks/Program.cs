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

// Usage: HyprAuth.Benchmarks [--quick] [--json results.json] [--artifacts folder]
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
    .WithArtifactsPath(artifacts)
    .WithOptions(ConfigOptions.JoinSummary);

Summary[] summaries = BenchmarkRunner.Run(new[] { typeof(SigningBenchmarks), typeof(TenantBenchmarks) }, config);

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
            ["description"] = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,
            ["medianNs"] = statistics?.Median,
            ["meanNs"] = statistics?.Mean,
            ["stdDevNs"] = statistics?.StandardDeviation,
            ["iterations"] = statistics?.N,
            ["allocatedBytes"] = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
            ["success"] = report.Success && statistics != null,
        });
    }
}

if (jsonPath != null)
{
    var document = new Dictionary<string, object?>
    {
        ["processorCount"] = Environment.ProcessorCount,
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        ["job"] = job.Id,
        ["results"] = results,
    };
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
    File.WriteAllText(jsonPath, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
}

return results.Count > 0 && results.All(result => (bool)result["success"]!) ? 0 : 1;

string? Option(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
