using static HomeCall.Bench.Suite.Markdown;

namespace HomeCall.Bench.Suite;

/// <summary>
/// The goals of the connection-cost work, each as a ratio to Bun (or Node) measured in the same
/// run, with what this run measured and whether it is met; plus the standing ones (no loss, the
/// hot path's allocation, start).
/// </summary>
internal sealed class TargetCheck(IReadOnlyList<Measurement> results)
{
    private const double SetupCpuToBun = 2;
    private const double ChurnCpuToBun = 1.5;
    private const double ChurnRateToBun = 1;
    private const double IdleMemoryToBun = 1.15;
    private const double RelayCpuToBun = 1;
    private const double TailToBun = 1.5;
    private const double MaxListenMs = 150;
    private const double MaxIdleRssBytes = 30_000_000;
    private const double WantedConnections = 19_000;
    private static readonly ServerKind[] DaemonKinds = [ServerKind.Daemon, ServerKind.DaemonWarning, ServerKind.DaemonDefaultLimits];

    private readonly Comparison _compare = new(results);
    private readonly List<IReadOnlyList<string>> _rows = [];

    public void Write(Markdown md)
    {
        ToBun("setup", "set-up: server CPU per connection ≤ 2× Bun's", SetupCpuToBun, atMost: true, "server", "steadyCpuMicrosecondsPerConnection");
        ToBun("churn", "churn: server CPU per session ≤ 1.5× Bun's", ChurnCpuToBun, atMost: true, "server", "steadyCpuMicrosecondsPerSession");
        ToBun("churn", "churn: sessions/s ≥ Bun's", ChurnRateToBun, atMost: false, "sessionsPerSecond");
        ToBun("idle", "idle: RSS per connection ≤ 1.15× Bun's", IdleMemoryToBun, atMost: true, "serverRssKiBPerConnection");
        foreach (var key in new[] { "relay-200x1", "relay-50x8" })
        {
            ToBun(key, $"{key}: server CPU per message ≤ Bun's", RelayCpuToBun, atMost: true, "server", "steadyCpuMicrosecondsPerMessage");
            Tail(key, "p99.9", "p999");
            Tail(key, "max", "max");
            Lossless(key);
        }

        NoFailures("setup");
        NoFailures("churn");
        Idle();
        Micro();
        Start();
        md.Heading(2, "Targets on this run")
            .Paragraph("Ratios are medians of the per-round ratios (servers back to back in each round); latencies are medians over the rounds. "
                + "Server CPU is without the JIT compiler threads: tier-up of hot code is paid once per process start, not per connection.")
            .Table(["target", "measured", "met"], _rows);
    }

    private void ToBun(string key, string target, double limit, bool atMost, params string[] path)
    {
        var ratio = _compare.MedianRatio(key, ServerKind.Daemon, ServerKind.Bun, path);
        Add(target, Markdown.Ratio(ratio), atMost ? ratio <= limit : ratio >= limit);
    }

    /// <summary>The daemon's tail latency at most Node's and at most 1.5× Bun's.</summary>
    private void Tail(string key, string name, string field)
    {
        var daemon = _compare.Median(key, ServerKind.Daemon, "latencyMs", field);
        var node = _compare.Median(key, ServerKind.Node, "latencyMs", field);
        var bun = _compare.Median(key, ServerKind.Bun, "latencyMs", field);
        Add($"{key}: {name} latency ≤ Node's and ≤ 1.5× Bun's", $"{N(daemon, 2)} ms (Node {N(node, 2)}, Bun {N(bun, 2)})",
            daemon <= node && daemon <= TailToBun * bun);
    }

    private void Lossless(string key)
    {
        var lost = _compare.Sum(key, ServerKind.Daemon, "lost");
        var gaps = _compare.Sum(key, ServerKind.Daemon, "gaps");
        Add($"{key}: 0 lost (all rounds)", $"{N(lost)} lost, {N(gaps)} gaps", lost == 0 && gaps == 0);
    }

    /// <summary>Every daemon variant, the one with the default limits included, completes every unit.</summary>
    private void NoFailures(string key)
    {
        var failed = DaemonKinds.Sum(kind => _compare.Sum(key, kind, "failed"));
        var limited = _compare.Runs(key, ServerKind.DaemonDefaultLimits).Count;
        Add($"{key}: 0 failed, default limits included (all rounds)", $"{N(failed)} failed; {limited} runs with the default limits", failed == 0 && limited > 0);
    }

    private void Idle()
    {
        var held = Find("idle", ServerKind.Daemon)?.Number("openAtEnd") ?? double.NaN;
        Add("idle: ~19,000 connections held in rooms", N(held), held >= WantedConnections);
    }

    private void Micro()
    {
        var quick = Find("micro", ServerKind.None);
        if (quick is null || !quick.Result.TryGetProperty("cases", out var cases))
        {
            Add("hot path: nothing allocated per relayed message (pooled outgoing buffer)", "not measured", false);
            return;
        }

        var worst = cases.EnumerateArray().MaxBy(c => MicroSection.Get(c, "allocatedBytesPerMessage"));
        var allocated = MicroSection.Get(worst, "allocatedBytesPerMessage");
        Add("hot path: nothing allocated per relayed message (pooled outgoing buffer)",
            $"worst {worst.GetProperty("case").GetString()}: {N(allocated, 1)} B", allocated < MicroSection.NothingBytes);
    }

    private void Start()
    {
        var start = Find("start", ServerKind.Daemon);
        var listen = start?.Number("listenMsMedian") ?? double.NaN;
        Add("start: listening within 150 ms of exec (median of 5)", N(listen, 1) + " ms", listen <= MaxListenMs);
        var rss = (start?.Number("idleRssKiBMax") ?? double.NaN) * 1024;
        Add("start: idle RSS under 30 MB (max of 5)", N(rss / 1e6, 1) + " MB", rss < MaxIdleRssBytes);
    }

    private Measurement? Find(string key, ServerKind server) =>
        results.FirstOrDefault(r => r.Scenario.Key == key && r.Scenario.Server == server);

    private void Add(string target, string measured, bool met) => _rows.Add([target, measured, met ? "**yes**" : "**no**"]);
}
