namespace HomeCall.Bench.Suite;

/// <summary>
/// Reads figures across rounds: a server's median, and the median of per-round ratios between
/// two servers (each pair measured back to back in one round, so they share the machine's load).
/// </summary>
internal sealed class Comparison(IReadOnlyList<Measurement> results)
{
    public IReadOnlyList<Measurement> Runs(string key, ServerKind server) =>
        results.Where(r => r.Scenario.Key == key && r.Scenario.Server == server).OrderBy(r => r.Scenario.Round).ToArray();

    public double Median(string key, ServerKind server, params string[] path) =>
        MedianOf(Runs(key, server).Select(r => r.Number(path)));

    public double Sum(string key, ServerKind server, params string[] path) =>
        Runs(key, server).Sum(r => r.Number(path));

    /// <summary><paramref name="of"/> / <paramref name="to"/> per round, in round order.</summary>
    public IReadOnlyList<double> Ratios(string key, ServerKind of, ServerKind to, params string[] path) =>
        Runs(key, of)
            .Join(Runs(key, to), d => d.Scenario.Round, n => n.Scenario.Round, (d, n) => d.Number(path) / n.Number(path))
            .ToArray();

    public double MedianRatio(string key, ServerKind of, ServerKind to, params string[] path) => MedianOf(Ratios(key, of, to, path));

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
