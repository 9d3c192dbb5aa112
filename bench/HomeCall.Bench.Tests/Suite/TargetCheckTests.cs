using HomeCall.Bench.Suite;
using HomeCall.Bench.Tests.TestSupport;

namespace HomeCall.Bench.Tests.Suite;

public sealed class TargetCheckTests
{
    [Test]
    public void Write_DaemonAsCheapAsBun_EveryRatioGoalMet()
    {
        var text = Render(Results.OneRound(daemonToBun: 1));

        Assert.Multiple(() =>
        {
            Assert.That(Row(text, "set-up: server CPU per connection ≤ 2× Bun's"), Does.Contain("1.00×").And.EndsWith("**yes** |"));
            Assert.That(Row(text, "churn: sessions/s ≥ Bun's"), Does.EndWith("**yes** |"));
            Assert.That(Row(text, "idle: RSS per connection ≤ 1.15× Bun's"), Does.EndWith("**yes** |"));
            Assert.That(Row(text, "relay-200x1: p99.9 latency ≤ Node's and ≤ 1.5× Bun's"), Does.Contain("10.00 ms (Node 20.00, Bun 10.00)").And.EndsWith("**yes** |"));
            Assert.That(Row(text, "setup: 0 failed, default limits included"), Does.EndWith("**yes** |"));
        });
    }

    [Test]
    public void Write_DaemonThreeTimesBun_CostGoalsMissedAndRatioShown()
    {
        var text = Render(Results.OneRound(daemonToBun: 3));

        Assert.Multiple(() =>
        {
            Assert.That(Row(text, "set-up: server CPU per connection ≤ 2× Bun's"), Does.Contain("3.00×").And.EndsWith("**no** |"));
            Assert.That(Row(text, "churn: server CPU per session ≤ 1.5× Bun's"), Does.EndWith("**no** |"));
            Assert.That(Row(text, "churn: sessions/s ≥ Bun's"), Does.Contain("0.33×").And.EndsWith("**no** |"));
            Assert.That(Row(text, "relay-50x8: max latency ≤ Node's and ≤ 1.5× Bun's"), Does.EndWith("**no** |"));
        });
    }

    [Test]
    public void Write_NoRunWithTheDefaultLimits_FailureTargetNotMet()
    {
        var results = Results.OneRound(daemonToBun: 1).Where(r => r.Scenario.Server != ServerKind.DaemonDefaultLimits).ToList();

        var text = Render(results);

        Assert.That(Row(text, "churn: 0 failed, default limits included"), Does.Contain("0 runs with the default limits").And.EndsWith("**no** |"));
    }

    private static string Render(IReadOnlyList<Measurement> results)
    {
        var md = new Markdown();
        new TargetCheck(results).Write(md);
        return md.ToString();
    }

    private static string Row(string text, string target) =>
        text.Split('\n').SingleOrDefault(l => l.StartsWith("| " + target, StringComparison.Ordinal)) ?? $"no row for '{target}'";
}
