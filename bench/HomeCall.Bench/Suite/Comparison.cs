namespace HomeCall.Bench.Suite;

/// <summary>
/// Reads figures across rounds: a server's median, and the median of the per-round
/// daemon/Node ratios (each from two runs back to back, so they share the machine's load).
/// </summary>
internal sealed class Comparison(IReadOnlyList<Measurement> results)
{
    public IReadOnlyList<Measurement> Runs(string key, ServerKind server) =>
        results.Where(r => r.Scenario.Key == key && r.Scenario.Server == server).OrderBy(r => r.Scenario.Round).ToArray();

    public double Median(string key, ServerKind server, params string[] path) =>
        MedianOf(Runs(key, server).Select(r => r.Number(path)));

    public double Sum(string key, ServerKind server, params string[] path) =>
        Runs(key, server).Sum(r => r.Number(path));

    /// <summary>Daemon / Node per round, in round order.</summary>
    public IReadOnlyList<double> Ratios(string key, params string[] path) =>
        Runs(key, ServerKind.Daemon)
            .Join(Runs(key, ServerKind.Node), d => d.Scenario.Round, n => n.Scenario.Round, (d, n) => d.Number(path) / n.Number(path))
            .ToArray();

    public double MedianRatio(string key, params string[] path) => MedianOf(Ratios(key, path));

    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
