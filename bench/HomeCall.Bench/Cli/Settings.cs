using HomeCall.Bench.Load;
using HomeCall.Bench.Suite;

namespace HomeCall.Bench.Cli;

/// <summary>Each mode's options from the command line, with their defaults (the README of the tool is <see cref="Usage"/>).</summary>
internal static class Settings
{
    private const int MaxConnections = 1_000_000;
    private const double MaxSeconds = 3600;
    private const double DefaultJitWaitSeconds = 30;

    public static RelaySettings Relay(CliArgs a) => new(
        a.Int("pairs", 200, 1, 100_000),
        a.Int("window", 1, 1, 64),
        a.Int("size", 800, 100, 60_000),
        a.Text("dialect", "numeric"),
        a.Seconds("warmup", 2, 0, MaxSeconds),
        JitWait(a),
        a.Seconds("duration", 10, 1, MaxSeconds),
        SourceIps(a),
        ServerPid(a),
        a.Text("label", ""));

    public static IdleSettings Idle(CliArgs a) => new(
        a.Int("connections", 19_000, 1, MaxConnections),
        a.Int("room-size", 4, 1, 1000),
        a.Text("dialect", "numeric"),
        a.Seconds("hold", 10, 0, MaxSeconds),
        a.Seconds("settle", 3, 0, MaxSeconds),
        a.Int("parallel", 64, 1, 10_000),
        SourceIps(a),
        ServerPid(a),
        a.Text("label", ""));

    public static ChurnSettings Churn(CliArgs a) => new(
        a.Int("parallel", 32, 1, 10_000),
        a.Text("dialect", "numeric"),
        a.Int("size", 800, 100, 60_000),
        a.Seconds("warmup", 2, 0, MaxSeconds),
        JitWait(a),
        a.Seconds("duration", 10, 1, MaxSeconds),
        SourceIps(a),
        ServerPid(a),
        a.Text("label", ""));

    public static SetupSettings Setup(CliArgs a) => new(
        a.Int("parallel", 32, 1, 10_000),
        a.Seconds("warmup", 2, 0, MaxSeconds),
        JitWait(a),
        a.Seconds("duration", 10, 1, MaxSeconds),
        SourceIps(a),
        ServerPid(a),
        a.Text("label", ""));

    public static StartSettings Start(CliArgs a) => new(
        a.Text("exe") ?? throw new ArgumentException("--exe is required"),
        a.Text("script"),
        a.Int("runs", 5, 1, 100),
        a.Seconds("settle", 2, 0, 60),
        a.Text("label", ""));

    public static SuiteSettings Suite(CliArgs a) => new(
        a.Text("daemon", "dist/homecall"),
        a.Text("reference", "bench/reference/server.js"),
        a.Text("node", "node"),
        a.Text("bun-reference", "bench/reference-bun/server.js"),
        a.Text("bun", "bench/reference-bun/node_modules/.bin/bun"),
        a.Text("profile-notes", "bench/profile.md"),
        a.Text("out", "docs/benchmarks.md"),
        a.Int("idle-connections", 19_000, 100, MaxConnections),
        a.Seconds("duration", 10, 1, MaxSeconds),
        a.Int("rounds", 5, 1, 20),
        a.Flag("skip-micro"));

    /// <summary>The cap on the wait after the fixed warm-up for the server's JIT threads to go idle (0: the fixed warm-up only).</summary>
    private static double JitWait(CliArgs a) => a.Seconds("jit-wait", DefaultJitWaitSeconds, 0, MaxSeconds);

    private static int SourceIps(CliArgs a) => a.Int("source-ips", 0, 0, 254);

    private static int? ServerPid(CliArgs a) => a.Text("server-pid") is null ? null : a.Int("server-pid", 0, 1, int.MaxValue);
}
