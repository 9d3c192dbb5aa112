using System.Globalization;
using HomeCall.Bench.Stats;
using static HomeCall.Bench.Suite.Markdown;

namespace HomeCall.Bench.Suite;

/// <summary>
/// How long each server's warm-ups lasted before its JIT compiler threads went idle, and their CPU in
/// them (the start-up JIT cost, kept out of the measured windows): medians over the rounds, per scenario.
/// </summary>
internal sealed class WarmupTable(IReadOnlyList<Measurement> results)
{
    private static readonly string[] Keys = ["relay-200x1", "relay-50x8", "setup", "churn"];
    private static readonly ServerKind[] Servers = [ServerKind.Node, ServerKind.Bun, ServerKind.Daemon];

    private readonly Comparison _compare = new(results);

    public void Write(Markdown md)
    {
        md.Heading(2, "Warm-up: until the JIT is idle")
            .Paragraph("Each relay, set-up and churn run loads the server for a fixed " + StandardSet.WarmupSeconds + " s, then keeps the load on until the server's JIT "
                + "compiler threads (by thread name from `/proc/PID/task`: .NET's tiered-compilation worker, JavaScriptCore's JIT workers) "
                + $"used less than {N(JitIdleDetector.IdleCoreFraction * 100)} % of one core over the last {N(JitIdleDetector.IdleWindow.TotalSeconds)} s, or " + StandardSet.JitWait + " s more passed (the cap); only "
                + "then does the measured window begin, so it sees the code a long-running server runs. Node has no thread that only "
                + "compiles (V8 compiles on its main thread and on worker threads it shares with the GC), so its warm-ups end after the "
                + "fixed " + StandardSet.WarmupSeconds + " s and show no JIT CPU. Per cell: median warm-up, median CPU of the JIT threads in it (a cost paid once per "
                + "start, not per unit of work), and how many runs reached the cap with the JIT still busy.");
        md.Table(["scenario", .. Servers.Select(s => s.Display())],
            Keys.Where(k => Servers.Any(s => _compare.Runs(k, s).Count > 0))
                .Select(k => (IReadOnlyList<string>)[k, .. Servers.Select(s => Cell(k, s))]));
    }

    private string Cell(string key, ServerKind server)
    {
        var runs = _compare.Runs(key, server);
        if (runs.Count == 0 || runs.All(r => double.IsNaN(r.Number("warmup", "seconds"))))
        {
            return "–";
        }

        var capped = runs.Count(r => r.Text("warmup", "until") == "cap");
        return $"{N(_compare.Median(key, server, "warmup", "seconds"), 1)} s, JIT {N(_compare.Median(key, server, "warmup", "jitCpuSeconds"), 2)} s, "
            + string.Create(CultureInfo.InvariantCulture, $"{capped}/{runs.Count} at the cap");
    }
}
