using HomeCall.Bench.Suite;

namespace HomeCall.Bench.Tests.Suite;

public sealed class StandardSetTests
{
    private static readonly string[] LiftedKeys = ["MAX_CONNECTIONS", "MAX_CONNECTIONS_PER_IP", "RATE_LIMIT_BURST", "RATE_LIMIT_PER_SEC"];

    private static readonly ServerKind[] ThreeServers = [ServerKind.Daemon, ServerKind.Node, ServerKind.Bun];
    private static readonly ServerKind[] WithVariants = [ServerKind.Daemon, ServerKind.Node, ServerKind.Bun, ServerKind.DaemonWarning, ServerKind.DaemonDefaultLimits];
    private static readonly int[] Rounds = [1, 2, 3];
    private static readonly string[] RelayKeys = ["relay-200x1", "relay-50x8"];
    private static readonly string[] ConnectionKeys = ["setup", "churn"];

    private static readonly SuiteSettings Settings = new("dist/homecall", "ref/server.js", "node", "bun-ref/server.js", "bun", "notes.md", "out.md", 19_000, 10, 3, false);

    [Test]
    public void EnvironmentOf_Daemon_LiftsOnlyTheAbuseLimitsAndKeepsTheDefaultLogLevel() =>
        Assert.That(StandardSet.EnvironmentOf(ServerKind.Daemon).Keys.Order(), Is.EqualTo(LiftedKeys));

    [Test]
    public void EnvironmentOf_Variants_WarningLevelAndEveryDefault()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StandardSet.EnvironmentOf(ServerKind.DaemonWarning)["LOG_LEVEL"], Is.EqualTo("warning"));
            Assert.That(StandardSet.EnvironmentOf(ServerKind.DaemonDefaultLimits), Is.Empty);
            Assert.That(StandardSet.EnvironmentOf(ServerKind.Bun), Is.Empty);
        });
    }

    [Test]
    public void Plan_RelaySetupAndChurn_WarmUpUntilTheJitIsIdleWithinThirtySeconds()
    {
        var timed = StandardSet.Plan(Settings).Where(s => s.Args[0] is "relay" or "setup" or "churn").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(timed, Is.Not.Empty);
            Assert.That(timed.Select(s => After(s.Args, "--warmup")), Has.All.EqualTo("5"));
            Assert.That(timed.Select(s => After(s.Args, "--jit-wait")), Has.All.EqualTo("25"));
        });
    }

    [Test]
    public void Plan_EveryRound_ThreeServersForRelayAndTheDaemonVariantsForSetupAndChurn()
    {
        var plan = StandardSet.Plan(Settings);

        Assert.Multiple(() =>
        {
            foreach (var round in Rounds)
            {
                foreach (var key in RelayKeys)
                {
                    Assert.That(Servers(plan, key, round), Is.EquivalentTo(ThreeServers), $"{key} round {round}");
                }

                foreach (var key in ConnectionKeys)
                {
                    Assert.That(Servers(plan, key, round), Is.EquivalentTo(WithVariants), $"{key} round {round}");
                }
            }

            Assert.That(Servers(plan, "idle", 1), Is.EquivalentTo(ThreeServers));
            Assert.That(plan.Single(s => s.Key == "start" && s.Server == ServerKind.Bun).Args, Does.Contain("bun-ref/server.js"));
        });
    }

    [Test]
    public void Plan_Rounds_RotateWhichServerGoesFirst()
    {
        var plan = StandardSet.Plan(Settings);

        var first = Rounds.Select(round => Servers(plan, "relay-200x1", round)[0]);

        Assert.That(first, Is.EqualTo(ThreeServers));
    }

    private static ServerKind[] Servers(IReadOnlyList<Scenario> plan, string key, int round) =>
        plan.Where(s => s.Key == key && s.Round == round).Select(s => s.Server).ToArray();

    private static string? After(IReadOnlyList<string> args, string option)
    {
        var i = args.ToList().IndexOf(option);
        return i < 0 || i + 1 >= args.Count ? null : args[i + 1];
    }
}
