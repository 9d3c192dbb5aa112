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

    private static string Render(IReadOnlyList<Measurement> results, string? notes) =>
        new ReportWriter(Machine, Settings, DateTimeOffset.UnixEpoch, results, bdn: null, notes).Render();
}
