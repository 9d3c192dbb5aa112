using System.Globalization;

namespace HomeCall.Bench.Suite;

/// <summary>
/// The scenarios `make bench` runs, daemon and Node back to back so that both see the same
/// machine load; the comparisons with targets (relay, churn) run in several rounds and are
/// judged by their median. Settings the daemon needs for any load test (its abuse limits would cut it
/// short) are in <see cref="DaemonEnvironment"/>; churn also shortens ROOM_TIMEOUT_MS on both
/// servers because numeric rooms outlive their members and only 9,000 ids exist.
/// </summary>
internal static class StandardSet
{
    public const string ChurnRoomTimeoutMs = "1000";

    public static readonly IReadOnlyDictionary<string, string> DaemonEnvironment = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RATE_LIMIT_PER_SEC"] = "1000000",
        ["RATE_LIMIT_BURST"] = "1000000",
        ["MAX_CONNECTIONS"] = "100000",
        ["MAX_CONNECTIONS_PER_IP"] = "100000",
        ["LOG_LEVEL"] = "warning",
    };

    public static IReadOnlyList<Scenario> Plan(SuiteSettings s)
    {
        var d = s.DurationSeconds.ToString(CultureInfo.InvariantCulture);
        var none = new Dictionary<string, string>();
        var churnEnv = new Dictionary<string, string> { ["ROOM_TIMEOUT_MS"] = ChurnRoomTimeoutMs };
        string[] relay1 = ["relay", "--pairs", "200", "--window", "1", "--size", "800", "--dialect", "numeric", "--warmup", "5", "--duration", d];
        string[] relay8 = ["relay", "--pairs", "50", "--window", "8", "--size", "800", "--dialect", "numeric", "--warmup", "5", "--duration", d];
        string[] idle = ["idle", "--connections", s.IdleConnections.ToString(CultureInfo.InvariantCulture), "--room-size", "4", "--dialect", "numeric", "--settle", "3", "--hold", "10"];
        string[] churn = ["churn", "--parallel", "32", "--dialect", "numeric", "--warmup", "5", "--duration", d];
        var plan = new List<Scenario>();
        for (var round = 1; round <= s.Rounds; round++)
        {
            // Back to back, and which server goes first alternates, so drifting machine load hits both alike.
            ServerKind[] order = round % 2 == 1 ? [ServerKind.Daemon, ServerKind.Node] : [ServerKind.Node, ServerKind.Daemon];
            foreach (var (key, args, env) in new[] { ("relay-200x1", relay1, none), ("relay-50x8", relay8, none), ("churn", churn, churnEnv) })
            {
                plan.AddRange(order.Select(server => new Scenario(key, server, args, env, round)));
            }
        }

        plan.AddRange(
        [
            new("relay-dialects", ServerKind.Daemon, ["relay", "--pairs", "200", "--window", "1", "--dialect", "numeric,homecall,mesh,session", "--warmup", "5", "--duration", d], none),
            new("idle", ServerKind.Daemon, idle, none),
            new("idle", ServerKind.Node, idle, none),
            new("churn-homecall", ServerKind.Daemon, ["churn", "--parallel", "32", "--dialect", "homecall", "--warmup", "5", "--duration", d], none),
            new("start", ServerKind.Daemon, ["start", "--exe", s.Daemon, "--runs", "5", "--settle", "2"], none),
            new("start", ServerKind.Node, ["start", "--exe", s.Node, "--script", s.Reference, "--runs", "5", "--settle", "2"], none),
            new("micro", ServerKind.None, ["micro", "--quick"], none),
        ]);
        return plan;
    }
}
