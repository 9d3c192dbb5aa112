using System.Globalization;

namespace HomeCall.Bench.Suite;

/// <summary>
/// The scenarios `make bench` runs, the three servers back to back so that all see the same
/// machine load; the comparisons with targets (relay, churn, set-up) run in several rounds and are
/// judged by their median. The daemon runs as users run it: default settings, the information log
/// level included, with only the abuse limits lifted that would refuse the load
/// (<see cref="LiftedLimits"/>). Churn and set-up also run with the daemon at LOG_LEVEL=warning and
/// with every limit at its default (the load stays under them), so the report shows what the log
/// lines and the limits cost. Churn shortens ROOM_TIMEOUT_MS on every server because numeric rooms
/// outlive their members and only 9,000 ids exist.
/// </summary>
internal static class StandardSet
{
    public const string ChurnRoomTimeoutMs = "1000";
    public const int IdleRoomSize = 3;

    /// <summary>The fixed warm-up of relay, set-up and churn runs, seconds.</summary>
    public const string WarmupSeconds = "5";

    /// <summary>
    /// The cap on the wait, after the fixed warm-up, for the server's JIT threads to go idle: at most 30 s of
    /// warm-up per run, which bounds the suite's extra time (tier-up under load takes 15–20 s, bench/profile.md).
    /// </summary>
    public const string JitWait = "25";

    /// <summary>The daemon's abuse limits, lifted: the defaults (50 messages/s and 200 connections per IP, 10,000 in all) would refuse the load.</summary>
    public static readonly IReadOnlyDictionary<string, string> LiftedLimits = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RATE_LIMIT_PER_SEC"] = "1000000",
        ["RATE_LIMIT_BURST"] = "1000000",
        ["MAX_CONNECTIONS"] = "100000",
        ["MAX_CONNECTIONS_PER_IP"] = "100000",
    };

    private static readonly ServerKind[] Servers = [ServerKind.Daemon, ServerKind.Node, ServerKind.Bun];
    private static readonly ServerKind[] DaemonVariants = [ServerKind.DaemonWarning, ServerKind.DaemonDefaultLimits];

    /// <summary>What the suite sets in a server's environment besides the scenario's own settings.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentOf(ServerKind server) => server switch
    {
        ServerKind.Daemon => LiftedLimits,
        ServerKind.DaemonWarning => LiftedLimits.Append(new("LOG_LEVEL", "warning")).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        _ => new Dictionary<string, string>(StringComparer.Ordinal),
    };

    public static IReadOnlyList<Scenario> Plan(SuiteSettings s)
    {
        var d = s.DurationSeconds.ToString(CultureInfo.InvariantCulture);
        var none = new Dictionary<string, string>();
        var churnEnv = new Dictionary<string, string> { ["ROOM_TIMEOUT_MS"] = ChurnRoomTimeoutMs };
        string[] relay1 = ["relay", "--pairs", "200", "--window", "1", "--size", "800", "--dialect", "numeric", "--warmup", WarmupSeconds, "--jit-wait", JitWait, "--duration", d];
        string[] relay8 = ["relay", "--pairs", "50", "--window", "8", "--size", "800", "--dialect", "numeric", "--warmup", WarmupSeconds, "--jit-wait", JitWait, "--duration", d];
        string[] idle = ["idle", "--connections", s.IdleConnections.ToString(CultureInfo.InvariantCulture), "--room-size", IdleRoomSize.ToString(CultureInfo.InvariantCulture),
            "--dialect", "numeric", "--settle", "3", "--hold", "10"];
        string[] churn = ["churn", "--parallel", "32", "--dialect", "numeric", "--warmup", WarmupSeconds, "--jit-wait", JitWait, "--duration", d];
        string[] setup = ["setup", "--parallel", "32", "--warmup", WarmupSeconds, "--jit-wait", JitWait, "--duration", d];
        var plan = new List<Scenario>();
        for (var round = 1; round <= s.Rounds; round++)
        {
            // Back to back, and which server goes first rotates, so drifting machine load hits all alike.
            var order = Servers.Skip((round - 1) % Servers.Length).Concat(Servers.Take((round - 1) % Servers.Length)).ToArray();
            foreach (var (key, args, env) in new[] { ("relay-200x1", relay1, none), ("relay-50x8", relay8, none) })
            {
                plan.AddRange(order.Select(server => new Scenario(key, server, args, env, round)));
            }

            foreach (var (key, args, env) in new[] { ("setup", setup, none), ("churn", churn, churnEnv) })
            {
                plan.AddRange(order.Concat(DaemonVariants).Select(server => new Scenario(key, server, args, env, round)));
            }
        }

        plan.Add(new("relay-dialects", ServerKind.Daemon, ["relay", "--pairs", "200", "--window", "1", "--dialect", "numeric,homecall,mesh,session", "--warmup", WarmupSeconds, "--jit-wait", JitWait, "--duration", d], none));
        plan.AddRange(Servers.Select(server => new Scenario("idle", server, idle, none)));
        plan.AddRange(
        [
            new("churn-homecall", ServerKind.Daemon, ["churn", "--parallel", "32", "--dialect", "homecall", "--warmup", WarmupSeconds, "--jit-wait", JitWait, "--duration", d], none),
            new("start", ServerKind.Daemon, ["start", "--exe", s.Daemon, "--runs", "5", "--settle", "2"], none),
            new("start", ServerKind.Node, ["start", "--exe", s.Node, "--script", s.Reference, "--runs", "5", "--settle", "2"], none),
            new("start", ServerKind.Bun, ["start", "--exe", s.Bun, "--script", s.BunReference, "--runs", "5", "--settle", "2"], none),
            new("micro", ServerKind.None, ["micro", "--quick"], none),
        ]);
        return plan;
    }
}
