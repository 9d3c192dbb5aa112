using System.Text.Json;
using HomeCall.Bench.Suite;

namespace HomeCall.Bench.Tests.TestSupport;

/// <summary>Made-up suite measurements (a scenario and its result line) for the report's tests.</summary>
internal static class Results
{
    public static Measurement Of(string key, ServerKind server, int round, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var scenario = new Scenario(key, server, [Mode(key)], new Dictionary<string, string>(), round);
        return new Measurement(scenario, "server", "tool", doc.RootElement.Clone(), 1, 1);
    }

    /// <summary>
    /// One round of relay, set-up and churn for daemon, Node and Bun, plus idle: Bun's figures
    /// are the base; Node's cost twice Bun's; the daemon's are Bun's times <paramref name="daemonToBun"/>
    /// (CPU, latency, memory) or divided by it (rates); its variants cost like the daemon.
    /// </summary>
    public static List<Measurement> OneRound(double daemonToBun)
    {
        var list = new List<Measurement>();
        foreach (var (server, f) in new[] { (ServerKind.Bun, 1.0), (ServerKind.Node, 2.0), (ServerKind.Daemon, daemonToBun),
            (ServerKind.DaemonWarning, daemonToBun), (ServerKind.DaemonDefaultLimits, daemonToBun) })
        {
            if (!server.IsDaemon() || server == ServerKind.Daemon)
            {
                foreach (var key in new[] { "relay-200x1", "relay-50x8" })
                {
                    list.Add(Of(key, server, 1, Relay(f)));
                }

                list.Add(Of("idle", server, 1, """{"openAtEnd":19000,"requested":19000,"serverRssKiBPerConnection":""" + J(2 * f) + "}"));
            }

            list.Add(Of("setup", server, 1, """{"failed":0,"connectionsPerSecond":""" + J(5000 / f) + ""","server":{"steadyCpuMicrosecondsPerConnection":""" + J(50 * f) + "}}"));
            list.Add(Of("churn", server, 1, """{"dialect":"numeric","failed":0,"sessionsPerSecond":""" + J(2000 / f) + ""","server":{"steadyCpuMicrosecondsPerSession":""" + J(200 * f) + "}}"));
        }

        return list;
    }

    /// <summary>A relay result line whose figures are Bun's times <paramref name="f"/>, with <paramref name="warmup"/> (a JSON object) when given.</summary>
    public static string Relay(double f, string? warmup = null)
    {
        var line = """{"pairs":200,"window":1,"dialects":"numeric","lost":0,"gaps":0,"errors":0,"messagesPerSecond":""" + J(60000 / f)
            + ""","server":{"steadyCpuMicrosecondsPerMessage":""" + J(15 * f) + """},"latencyMs":{"p50":1,"p99":""" + J(5 * f)
            + ""","p999":""" + J(10 * f) + ""","max":""" + J(12 * f) + "}}";
        return warmup is null ? line : "{\"warmup\":" + warmup + "," + line[1..];
    }

    private static string J(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string Mode(string key) => key.Split('-')[0];
}
