using static HomeCall.Bench.Suite.Markdown;

namespace HomeCall.Bench.Suite;

/// <summary>
/// The report's first table: each headline figure for Node, Bun and the daemon (medians over the
/// rounds), and the daemon's ratios to Bun and to Node (medians of the per-round ratios). Server CPU
/// is without the JIT compiler threads (their share, a start-up cost, has its own rows).
/// </summary>
internal sealed class SummaryTable(IReadOnlyList<Measurement> results)
{
    private readonly Comparison _compare = new(results);
    private readonly List<IReadOnlyList<string>> _rows = [];

    public void Write(Markdown md)
    {
        foreach (var key in new[] { "relay-200x1", "relay-50x8" })
        {
            Row($"{key} delivered msg/s", key, 0, "messagesPerSecond");
            Row($"{key} server CPU µs/msg", key, 2, "server", "steadyCpuMicrosecondsPerMessage");
            Row($"{key} p99.9 ms", key, 2, "latencyMs", "p999");
            Row($"{key} max ms", key, 2, "latencyMs", "max");
        }

        Row("set-up: server CPU µs per connection", "setup", 1, "server", "steadyCpuMicrosecondsPerConnection");
        Row("set-up: of it JIT compiler threads, µs per connection", "setup", 1, ratios: false, "server", "jitMicrosecondsPerConnection");
        Row("set-up: connections/s", "setup", 0, "connectionsPerSecond");
        Row("churn: sessions/s", "churn", 0, "sessionsPerSecond");
        Row("churn: server CPU µs per session", "churn", 0, "server", "steadyCpuMicrosecondsPerSession");
        Row("churn: of it JIT compiler threads, µs per session", "churn", 0, ratios: false, "server", "jitMicrosecondsPerSession");
        Row("idle: KiB per connection (RSS)", "idle", 2, "serverRssKiBPerConnection");
        md.Table(["figure", "Node", "Bun", "Daemon", "daemon / Bun", "daemon / Node"], _rows);
    }

    private void Row(string figure, string key, int decimals, params string[] path) => Row(figure, key, decimals, ratios: true, path);

    /// <param name="ratios">false for a share that is no cost per unit (the JIT's): its ratios would mean nothing</param>
    private void Row(string figure, string key, int decimals, bool ratios, params string[] path)
    {
        if (!ratios)
        {
            _rows.Add([figure, N(_compare.Median(key, ServerKind.Node, path), decimals), N(_compare.Median(key, ServerKind.Bun, path), decimals),
                N(_compare.Median(key, ServerKind.Daemon, path), decimals), "–", "–"]);
            return;
        }

        _rows.Add([
            figure,
            N(_compare.Median(key, ServerKind.Node, path), decimals),
            N(_compare.Median(key, ServerKind.Bun, path), decimals),
            N(_compare.Median(key, ServerKind.Daemon, path), decimals),
            Markdown.Ratio(_compare.MedianRatio(key, ServerKind.Daemon, ServerKind.Bun, path)),
            Markdown.Ratio(_compare.MedianRatio(key, ServerKind.Daemon, ServerKind.Node, path)),
        ]);
    }
}
