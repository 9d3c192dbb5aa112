using HomeCall.Bench.Suite;
using HomeCall.Bench.Tests.TestSupport;

namespace HomeCall.Bench.Tests.Suite;

public sealed class ReportWriterTests
{
    private static readonly MachineInfo Machine = new("cpu", 2, 24_000, "kernel", ".NET 10", "v20", "1.4.4");
    private static readonly SuiteSettings Settings = new("dist/homecall", "ref/server.js", "node", "bun-ref/server.js", "bun", "notes.md", "out.md", 19_000, 10, 1, true);

    [Test]
    public void Render_ThreeServers_SummaryGivesTheDaemonsRatiosToBunAndNode()
    {
        var text = Render(Results.OneRound(daemonToBun: 3), notes: null);

        var row = text.Split('\n').Single(l => l.StartsWith("| set-up: server CPU µs per connection", StringComparison.Ordinal));
        Assert.That(row, Is.EqualTo("| set-up: server CPU µs per connection | 100.0 | 50.0 | 150.0 | 3.00× | 1.50× |"));
    }

    [Test]
    public void Render_DaemonVariants_TheirCostStatedPerRound()
    {
        var results = Results.OneRound(daemonToBun: 1);
        results.RemoveAll(r => r.Scenario.Key == "churn" && r.Scenario.Server == ServerKind.DaemonWarning);
        results.Add(Results.Of("churn", ServerKind.DaemonWarning, 1, """{"dialect":"numeric","sessionsPerSecond":2000,"failed":0,"server":{"steadyCpuMicrosecondsPerSession":160}}"""));

        var text = Render(results, notes: null);

        Assert.That(text, Does.Contain("server CPU per session: information-level lines (daemon / daemon at warning) 1.25× → median **1.25×**"));
    }

    [Test]
    public void Render_ProfileNotes_IncludedAsTheyAre()
    {
        var text = Render(Results.OneRound(daemonToBun: 1), notes: "## Where the remaining per-connection CPU and bytes go\n\nnotes text");

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("## Where the remaining per-connection CPU and bytes go\n\nnotes text"));
            Assert.That(text, Does.Contain("| Bun | 1.4.4 |"));
            Assert.That(text, Does.Contain("## Set-up: what one connection costs, on its own"));
        });
    }

    [Test]
    public void Render_Warmups_LengthAndJitCpuPerRunAndAsMedians()
    {
        var results = Results.OneRound(daemonToBun: 1);
        results.RemoveAll(r => r.Scenario.Key == "relay-200x1" && r.Scenario.Server is ServerKind.Daemon or ServerKind.Bun);
        results.Add(Results.Of("relay-200x1", ServerKind.Daemon, 1, Results.Relay(1, """{"seconds":18.44,"jitCpuSeconds":1.234,"until":"jit-idle"}""")));
        results.Add(Results.Of("relay-200x1", ServerKind.Bun, 1, Results.Relay(1, """{"seconds":30.01,"jitCpuSeconds":0.5,"until":"cap"}""")));

        var text = Render(results, notes: null);
        var lines = text.Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.One.EqualTo("| relay-200x1 | – | 30.0 s, JIT 0.50 s, 1/1 at the cap | 18.4 s, JIT 1.23 s, 0/1 at the cap |"));
            Assert.That(lines.Where(l => l.StartsWith("| 200 pairs × 1 in flight, numeric | 1 | Daemon |", StringComparison.Ordinal)),
                Has.One.Contains("| 18.4 s | 1.23 s |"));
            Assert.That(lines.Where(l => l.StartsWith("| 200 pairs × 1 in flight, numeric | 1 | Bun |", StringComparison.Ordinal)),
                Has.One.Contains("| 30.0 s (cap) | 0.50 s |"));
            Assert.That(lines.Where(l => l.StartsWith("| round | server | connections/s |", StringComparison.Ordinal)),
                Has.One.Contains("| warm-up until JIT idle | JIT CPU in warm-up |"));
        });
    }

    private static string Render(IReadOnlyList<Measurement> results, string? notes) =>
        new ReportWriter(Machine, Settings, DateTimeOffset.UnixEpoch, results, bdn: null, notes).Render();
}
