using System.Globalization;
using static HomeCall.Bench.Suite.Markdown;

namespace HomeCall.Bench.Suite;

/// <summary>The report's sections on what connections cost: set-up, churn (with the daemon's variants), idle memory.</summary>
internal sealed class ConnectionSections(IReadOnlyList<Measurement> results, Markdown md)
{
    private readonly Comparison _compare = new(results);

    /// <summary>"1.10×, 0.95×, 1.30× → median **1.10×**": <paramref name="of"/>'s figure over <paramref name="to"/>'s, per round.</summary>
    public static string Rounds(Comparison compare, string key, ServerKind of, ServerKind to, params string[] path) =>
        string.Join(", ", compare.Ratios(key, of, to, path).Select(Markdown.Ratio)) + " → median **" + Markdown.Ratio(compare.MedianRatio(key, of, to, path)) + "**";

    public void Setup()
    {
        md.Heading(2, "Set-up: what one connection costs, on its own")
            .Paragraph("32 workers; each first creates a numeric room with an anchor connection that stays, then, one after another: "
                + "TCP connect → upgrade (a browser's request head) → join the anchor's room → close handshake. The room neither is created "
                + "nor expires per connection, so the figure is the connection alone: accept, upgrade parse and answer, the connection's "
                + "objects, the join, its log lines, the close.");
        md.Table(["round", "server", "connections/s", "set-up p50 ms", "p99 ms", "failed", WarmupCells.LengthHeader, WarmupCells.JitHeader, "server CPU µs/connection", "of it JIT µs", "server CPU", "load avg"],
            Ordered("setup").Select(r => (IReadOnlyList<string>)[
                Round(r), r.Scenario.Server.Display(), N(r.Number("connectionsPerSecond")), N(r.Number("setupMs", "p50"), 2),
                N(r.Number("setupMs", "p99"), 2), N(r.Number("failed")), WarmupCells.Length(r), WarmupCells.JitCpu(r), N(r.Number("server", "cpuMicrosecondsPerConnection"), 1),
                N(r.Number("server", "jitMicrosecondsPerConnection"), 1), N(r.Number("server", "cpuPercent")) + " %", Load(r),
            ]));
        Ratios("setup", "connections/s", "connectionsPerSecond", "server CPU per connection", "server", "steadyCpuMicrosecondsPerConnection");
    }

    public void Churn()
    {
        md.Heading(2, "Churn: whole short sessions")
            .Paragraph("32 sessions in parallel, each as a real call does it: connect two clients (TCP, upgrade) → create/join a room → "
                + "one 828-byte relay each way → leave where the dialect has it (numeric has no leave: closing leaves) → close both "
                + "(close handshake). ROOM_TIMEOUT_MS=" + StandardSet.ChurnRoomTimeoutMs + " on every server for the numeric runs: numeric rooms "
                + "outlive their members until they expire, and only 9,000 ids exist (with the 5-minute default they are all taken within "
                + "seconds and every create fails).");
        md.Table(["dialect", "round", "server", "sessions/s", "session p50 ms", "p99 ms", "failed", WarmupCells.LengthHeader, WarmupCells.JitHeader, "server CPU µs/session", "of it JIT µs", "server CPU", "load avg"],
            results.Where(r => r.Scenario.Key.StartsWith("churn", StringComparison.Ordinal))
                .OrderBy(r => r.Scenario.Key).ThenBy(r => r.Scenario.Round).ThenBy(r => r.Scenario.Server)
                .Select(r => (IReadOnlyList<string>)[
                    r.Text("dialect") ?? "", Round(r), r.Scenario.Server.Display(), N(r.Number("sessionsPerSecond")), N(r.Number("sessionMs", "p50"), 2),
                    N(r.Number("sessionMs", "p99"), 2), N(r.Number("failed")), WarmupCells.Length(r), WarmupCells.JitCpu(r), N(r.Number("server", "cpuMicrosecondsPerSession")),
                    N(r.Number("server", "jitMicrosecondsPerSession")), N(r.Number("server", "cpuPercent")) + " %", Load(r),
                ]));
        Ratios("churn", "sessions/s", "sessionsPerSecond", "server CPU per session", "server", "steadyCpuMicrosecondsPerSession");
    }

    public void Idle()
    {
        md.Heading(2, "Idle connections: memory per connection")
            .Paragraph($"N connections joined in numeric rooms of {StandardSet.IdleRoomSize} (9,000 room ids exist), held for 10 s after a 3 s "
                + "settle; the server's resident memory (VmRSS) at the end minus its baseline, divided by N. The baseline is read after a "
                + "warm-up (one room joined and closed, then 1 s), so what a server loads once on its first connection or room (libraries, "
                + "code compiled on first use) is not counted per connection; the cold RSS, before any connection, is shown beside it. For "
                + "the daemon the managed heap is read too, after the RSS, as `dotnet-gcdump` reads it (EventPipe, one induced full "
                + "collection): live managed bytes at the end minus the baseline's, per connection. Connecting stops at the first refusal. "
                + "The open-file hard limit here is 20,000 per process, so about 19,000 connections is the most a server (or the tool) can hold.");
        md.Table(["server", "requested", "held", "dropped", "connects/s", "RSS cold", "RSS baseline", "RSS held", "KiB per connection (RSS)",
            "managed heap baseline → held", "heap B per connection", "first failure"],
            results.Where(r => r.Scenario.Key == "idle").Select(r => (IReadOnlyList<string>)[
                r.Scenario.Server.Display(), N(r.Number("requested")), N(r.Number("openAtEnd")), N(r.Number("dropped")),
                N(r.Number("connectsPerSecond")), Mib(r.Number("serverColdRssKiB")), Mib(r.Number("serverBaselineRssKiB")),
                Mib(r.Number("serverRssKiB")), N(r.Number("serverRssKiBPerConnection"), 2),
                double.IsNaN(r.Number("serverHeapKiB")) ? "–" : $"{Mib(r.Number("serverHeapBaselineKiB"))} → {Mib(r.Number("serverHeapKiB"))}",
                N(r.Number("serverHeapBytesPerConnection")), r.Text("firstFailure") ?? "none",
            ]));
    }

    /// <summary>Per-round ratios of the daemon to Bun and Node, and what its log lines and its limits cost.</summary>
    private void Ratios(string key, string rateName, string rate, string cpuName, params string[] cpu)
    {
        md.Paragraph($"Per round (server CPU without the JIT compiler threads), daemon / Bun: {rateName} {Rounds(_compare, key, ServerKind.Daemon, ServerKind.Bun, rate)}; "
            + $"{cpuName} {Rounds(_compare, key, ServerKind.Daemon, ServerKind.Bun, cpu)}. Daemon / Node: {rateName} "
            + $"{Rounds(_compare, key, ServerKind.Daemon, ServerKind.Node, rate)}; {cpuName} {Rounds(_compare, key, ServerKind.Daemon, ServerKind.Node, cpu)}.");
        md.Paragraph($"What the daemon's settings cost here, {cpuName}: information-level lines (daemon / daemon at warning) "
            + $"{Rounds(_compare, key, ServerKind.Daemon, ServerKind.DaemonWarning, cpu)}; the default limits (daemon with default limits / "
            + $"daemon with lifted limits) {Rounds(_compare, key, ServerKind.DaemonDefaultLimits, ServerKind.Daemon, cpu)}.");
    }

    private IEnumerable<Measurement> Ordered(string key) =>
        results.Where(r => r.Scenario.Key == key).OrderBy(r => r.Scenario.Round).ThenBy(r => r.Scenario.Server);

    private static string Round(Measurement r) => r.Scenario.Round.ToString(CultureInfo.InvariantCulture);

    private static string Load(Measurement r) => $"{N(r.LoadBefore, 1)}–{N(r.LoadAfter, 1)}";

    private static string Mib(double kib) => N(kib / 1024, 1) + " MiB";
}
