using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace HomeCall.Bench.Micro;

/// <summary>
/// `micro`: BenchmarkDotNet in-process (the daemon project is referenced, not rebuilt per
/// benchmark), a short job (2 warm-ups, 6 iterations of 100 ms) that keeps the 20 benchmarks
/// to a minute or two; or `--quick`, a single pass of <see cref="QuickAllocations"/>.
/// </summary>
internal static class MicroRun
{
    public static string? Run(bool quick, string[] bdnArgs)
    {
        if (quick)
        {
            return QuickAllocations.Run();
        }

        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(2)
            .WithIterationCount(6)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
            .WithLaunchCount(1);
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithOptions(ConfigOptions.DisableLogFile);
        BenchmarkSwitcher.FromTypes([typeof(RelayHotPathBenchmarks), typeof(UpgradeHeadBenchmarks)]).Run(bdnArgs.Length > 0 ? bdnArgs : ["--filter", "*"], config);
        return null;
    }
}
