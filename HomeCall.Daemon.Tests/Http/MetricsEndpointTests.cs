using System.Globalization;
using System.Text.RegularExpressions;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Http;

public sealed partial class MetricsEndpointTests
{
    [Test]
    public async Task Metrics_CallLifecycle_CountersMoveAndNoSecretsAppear()
    {
        await using var server = TestServer.Start();
        await using var alice = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await using var bob = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await alice.SendAsync(new { type = "join", room = "secret-code-word", user = "alice-secret" });
        await alice.ReceiveTypeAsync("online");
        await bob.SendAsync(new { type = "join", room = "secret-code-word", user = "bob-secret" });
        await bob.ReceiveTypeAsync("online");

        var joined = Parse(await GetAsync(server));
        Assert.That(joined["homecall_connections"], Is.EqualTo(2));
        Assert.That(joined["homecall_rooms{dialect=\"homecall\"}"], Is.EqualTo(1));
        Assert.That(joined["homecall_members"], Is.EqualTo(2));
        Assert.That(joined["homecall_messages_received_total{type=\"join\"}"], Is.EqualTo(2));

        await alice.SendAsync(new { type = "offer", to = "bob-secret", sdp = "v=0 secret-sdp" });
        await bob.ReceiveTypeAsync("offer");
        await alice.SendAsync(new { type = "offer", to = "nobody", sdp = "v=0" });
        await alice.ReceiveTypeAsync("error");
        await alice.CloseAsync();
        await bob.CloseAsync();

        var text = await Poll.UntilAsync(() => GetAsync(server), t => Parse(t)["homecall_connections"] == 0);
        var after = Parse(text);
        Assert.That(after["homecall_messages_relayed_total{type=\"offer\"}"], Is.EqualTo(1));
        Assert.That(after["homecall_errors_total{code=\"user-not-found\"}"], Is.EqualTo(1));
        Assert.That(after["homecall_rooms{dialect=\"homecall\"}"], Is.Zero);
        Assert.That(text, Does.Not.Contain("secret").And.Not.Contain("127.0.0.1"));
    }

    [Test]
    public async Task Metrics_ClientChosenCloseStatus_CountedAsOther()
    {
        await using var server = TestServer.Start();
        await using (var client = await WsClient.ConnectAsync(server.Ws("/ws/")))
        {
            using var cts = new CancellationTokenSource(WsClient.DefaultWait);
            await client.Socket.CloseAsync((System.Net.WebSockets.WebSocketCloseStatus)4999, "mine", cts.Token);
        }

        var text = await Poll.UntilAsync(() => GetAsync(server), t => t.Contains("homecall_connections_closed_total{", StringComparison.Ordinal));

        Assert.That(Parse(text)["homecall_connections_closed_total{status=\"other\"}"], Is.EqualTo(1));
        Assert.That(text, Does.Not.Contain("4999"));
    }

    [Test]
    public async Task Metrics_RefusedUpgrade_CountedByReason()
    {
        await using var server = TestServer.Start();
        await RawHttp.SendAsync(server.Endpoint, RawHttp.UpgradeRequest("/nowhere"));

        var metrics = Parse(await GetAsync(server));

        Assert.That(metrics["homecall_upgrades_refused_total{reason=\"not-found\"}"], Is.EqualTo(1));
    }

    [Test]
    public async Task Metrics_Format_EveryFamilyHasHelpAndTypeAndSpecNames()
    {
        await using var server = TestServer.Start();

        var text = await GetAsync(server);

        foreach (var family in new[]
        {
            "homecall_connections", "homecall_rooms", "homecall_messages_received_total", "homecall_messages_relayed_total",
            "homecall_errors_total", "homecall_upgrades_refused_total", "homecall_queued_messages", "homecall_room_expiries_total",
            "homecall_uptime_seconds", "homecall_log_events_dropped_total",
        })
        {
            Assert.That(text, Does.Contain($"# HELP {family} "), family);
            Assert.That(text, Does.Match($"# TYPE {family} (counter|gauge)\n"), family);
        }

        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
        {
            Assert.That(SampleLine().IsMatch(line), Is.True, line);
        }
    }

    [Test]
    public async Task Metrics_Promtool_AcceptsTheExposition()
    {
        var promtool = SystemTools.Require("promtool", "prometheus");
        await using var server = TestServer.Start();
        var text = await GetAsync(server);
        var result = await ProcessRunner.RunAsync(promtool, ["check", "metrics"], stdin: text);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
    }

    internal static async Task<string> GetAsync(TestServer server)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.Http("/metrics"));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Does.StartWith("text/plain; version=0.0.4"));
        return await response.Content.ReadAsStringAsync();
    }

    internal static Dictionary<string, double> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

    [GeneratedRegex("^[a-z_]+(\\{[a-z]+=\"[a-z0-9-]+\"\\})? [0-9]+$")]
    private static partial Regex SampleLine();
}
