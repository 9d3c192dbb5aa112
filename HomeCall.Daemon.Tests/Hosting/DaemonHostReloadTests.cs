using System.Net;
using System.Net.WebSockets;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.Hosting;

/// <summary>A reload applied to the running in-process daemon (what SIGHUP does after reading the env file).</summary>
public sealed class DaemonHostReloadTests
{
    [Test]
    public async Task Reload_NewAllowedOrigins_NextUpgradesCheckedAgainstThem()
    {
        await using var server = TestServer.Start(new DaemonOptions { AllowedOrigins = ["https://old.example"] });
        await using var before = await WsClient.ConnectAsync(server.Ws("/ws/"), o => o.SetRequestHeader("Origin", "https://old.example"));

        var applied = server.Host.Reload(Read(server.Options with { AllowedOrigins = ["https://new.example"] }));

        Assert.That(applied, Is.True);
        await using var allowed = await WsClient.ConnectAsync(server.Ws("/ws/"), o => o.SetRequestHeader("Origin", "https://new.example"));
        var refused = await RawUpgrade.RefusalAsync(server.Endpoint, extraHeaders: "Origin: https://old.example\r\n");
        Assert.That(RawHttp.Status(refused), Is.EqualTo(403));
        Assert.That(before.Socket.State, Is.EqualTo(WebSocketState.Open), "an open connection is not re-checked");
        Assert.That(Unquoted(server), Has.Some.EqualTo("Reload: ALLOWED_ORIGINS changed from https://old.example to https://new.example, applied"));
    }

    [Test]
    public async Task Reload_InvalidSettings_RefusedAndRunningSettingsStay()
    {
        await using var server = TestServer.Start(new DaemonOptions { AllowedOrigins = ["https://old.example"] });
        server.FailOnServerErrors = false; // The refusal is logged as an error on purpose.
        var invalid = Read(server.Options with { AllowedOrigins = ["https://new.example"] }) with
        {
            Errors = ["ALLOWED_ORIGINS must list origins as scheme://host[:port], such as https://call.example.org (got 'homecall.test')"],
        };

        var applied = server.Host.Reload(invalid);

        Assert.That(applied, Is.False);
        Assert.That(server.Host.Settings.Current.AllowedOrigins, Is.EqualTo((string[])["https://old.example"]));
        await using var old = await WsClient.ConnectAsync(server.Ws("/ws/"), o => o.SetRequestHeader("Origin", "https://old.example"));
        Assert.That(server.Logs.Events.Where(e => e.Level == LogEventLevel.Error).Select(e => e.RenderMessage(null)), Has.Some.Contains("Reload refused, the running settings stay").And.Contain("homecall.test"));
    }

    [Test]
    public async Task Reload_RestartOnlySetting_WarnedAndNotApplied()
    {
        await using var server = TestServer.Start();

        server.Host.Reload(Read(server.Options with { MaxMessageBytes = 2048, MaxConnectionsPerIp = 1 }));

        Assert.That(server.Host.Settings.Current.MaxMessageBytes, Is.EqualTo(server.Options.MaxMessageBytes));
        var warning = server.Logs.Events.Single(e => e.Level == LogEventLevel.Warning && e.RenderMessage(null).Contains("MAX_MESSAGE_BYTES", StringComparison.Ordinal));
        Assert.That(warning.RenderMessage(null).Replace("\"", "", StringComparison.Ordinal), Is.EqualTo("Reload: MAX_MESSAGE_BYTES changed from 65536 to 2048, needs a restart to take effect"));
        await using var first = await WsClient.ConnectAsync(server.Ws("/ws/"));
        var second = await RawUpgrade.RefusalAsync(server.Endpoint);
        Assert.That(RawHttp.Status(second), Is.EqualTo(503), "MAX_CONNECTIONS_PER_IP=1 applied live");
    }

    [Test]
    public async Task Reload_NewAdminToken_OldOneRefusedNewOneAccepted()
    {
        await using var server = TestServer.Start(new DaemonOptions { AdminToken = "old-token" });

        server.Host.Reload(Read(server.Options with { AdminToken = "new-token" }));

        Assert.That(await RoomsStatusAsync(server, "old-token"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await RoomsStatusAsync(server, "new-token"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(string.Join('\n', server.Logs.Lines), Does.Not.Contain("new-token").And.Not.Contain("old-token"));
    }

    /// <summary>Log lines without the quotes Serilog puts around string values (the product's template renders them literally).</summary>
    private static IEnumerable<string> Unquoted(TestServer server) => server.Logs.Lines.Select(l => l.Replace("\"", "", StringComparison.Ordinal));

    private static BindResult Read(DaemonOptions options) => new(options with { Host = "127.0.0.1", Port = 0 }, []);

    private static async Task<HttpStatusCode> RoomsStatusAsync(TestServer server, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Http("/rooms"));
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
