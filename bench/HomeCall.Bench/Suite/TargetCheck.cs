using static HomeCall.Bench.Suite.Markdown;

namespace HomeCall.Bench.Suite;

/// <summary>The issue's targets, each with what this run measured and whether it is met.</summary>
internal sealed class TargetCheck(IReadOnlyList<Measurement> results)
{
    private readonly Comparison _compare = new(results);

    private const double RelayRatio = 2;
    private const double CpuRatio = 0.4;
    private const double MaxKiBPerConnection = 5;
    private const double ChurnRatio = 2;
    private const double MaxListenMs = 150;
    private const double MaxIdleRssBytes = 30_000_000;
    private const double WantedConnections = 19_000;

    private readonly List<IReadOnlyList<string>> _rows = [];

    public void Write(Markdown md)
    {
        foreach (var key in new[] { "relay-200x1", "relay-50x8" })
        {
            Relay(key);
        }

        Idle();
        var churn = _compare.MedianRatio("churn", "sessionsPerSecond");
        Add("churn: ≥ 2× Node's sessions/s (median of the rounds' ratios)", Markdown.Ratio(churn), churn >= ChurnRatio);
        Micro();
        var start = Find("start", ServerKind.Daemon);
        var listen = start?.Number("listenMsMedian") ?? double.NaN;
        Add("start: listening within 150 ms of exec (median of 5)", N(listen, 1) + " ms", listen <= MaxListenMs);
        var rss = (start?.Number("idleRssKiBMax") ?? double.NaN) * 1024;
        Add("start: idle RSS under 30 MB (max of 5)", N(rss / 1e6, 1) + " MB", rss < MaxIdleRssBytes);
        md.Heading(2, "Targets (issue figures) on this run")
            .Table(["target", "measured", "met"], _rows);
    }

    private void Relay(string key)
    {
        var rate = _compare.MedianRatio(key, "messagesPerSecond");
        Add($"{key}: ≥ 2× Node's delivered messages/s (median of the rounds' ratios)", Markdown.Ratio(rate), rate >= RelayRatio);
        var cpu = _compare.MedianRatio(key, "server", "cpuMicrosecondsPerMessage");
        Add($"{key}: ≤ 0.4× Node's server CPU per message (median ratio)", Markdown.Ratio(cpu), cpu <= CpuRatio);
        var p99 = _compare.Median(key, ServerKind.Daemon, "latencyMs", "p99");
        var nodeP99 = _compare.Median(key, ServerKind.Node, "latencyMs", "p99");
        Add($"{key}: lower p99 than Node (medians)", $"{N(p99, 2)} ms vs {N(nodeP99, 2)} ms", p99 < nodeP99);
        var lost = _compare.Sum(key, ServerKind.Daemon, "lost");
        var gaps = _compare.Sum(key, ServerKind.Daemon, "gaps");
        Add($"{key}: 0 lost (all rounds)", $"{N(lost)} lost, {N(gaps)} gaps", lost == 0 && gaps == 0);
    }

    private void Idle()
    {
        var d = Find("idle", ServerKind.Daemon);
        var n = Find("idle", ServerKind.Node);
        var held = d?.Number("openAtEnd") ?? double.NaN;
        Add("idle: ~19,000 connections held in rooms", N(held), held >= WantedConnections);
        var kib = d?.Number("serverRssKiBPerConnection") ?? double.NaN;
        var nodeKib = n?.Number("serverRssKiBPerConnection") ?? double.NaN;
        Add("idle: ≤ 5 KiB server RSS per connection, less than Node", $"{N(kib, 2)} KiB vs Node {N(nodeKib, 2)} KiB", kib <= MaxKiBPerConnection && kib < nodeKib);
    }

    private void Micro()
    {
        var quick = results.FirstOrDefault(r => r.Scenario.Key == "micro");
        if (quick is null || !quick.Result.TryGetProperty("cases", out var cases))
        {
            Add("hot path: ≤ 1 allocation per relayed message beyond the outgoing buffer", "not measured", false);
            return;
        }

        var worst = cases.EnumerateArray().MaxBy(c => MicroSection.Get(c, "extraBytesPerMessage"));
        var extra = MicroSection.Get(worst, "extraBytesPerMessage");
        Add("hot path: ≤ 1 allocation per relayed message beyond the outgoing buffer",
            $"worst {worst.GetProperty("case").GetString()}: {N(extra, 1)} B extra", extra < MicroSection.TwoObjectsBytes);
    }

    private Measurement? Find(string key, ServerKind server) =>
        results.FirstOrDefault(r => r.Scenario.Key == key && r.Scenario.Server == server);

    private void Add(string target, string measured, bool met) => _rows.Add([target, measured, met ? "**yes**" : "**no**"]);
}
