using System.Net;
using System.Net.Sockets;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>The built binary serving: bind failure, the Listening line, graceful SIGTERM/SIGINT (docs/protocol.md §3.5).</summary>
public sealed class ProcessLifecycleTests
{
    [Test]
    public async Task Run_PortBusy_Exits1WithOneLineNamingHostAndPort()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var daemon = DaemonProcess.Start(["--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.That(await daemon.WaitForExitAsync(), Is.EqualTo(1));
        var lines = daemon.Stdout.Concat(daemon.Stderr).Where(l => l.Contains("Cannot listen", StringComparison.Ordinal)).ToArray();
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.Contain($"127.0.0.1:{port}").And.Contain("address already in use"));
    }

    [Test]
    public async Task Run_Ipv6PortBusy_Exits1NamingBracketedAddress()
    {
        using var taken = new TcpListener(IPAddress.IPv6Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var daemon = DaemonProcess.Start(["--host", "::1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.That(await daemon.WaitForExitAsync(), Is.EqualTo(1));
        Assert.That(daemon.Stdout, Has.Exactly(1).Contains($"Cannot listen on [::1]:{port}: address already in use"));
    }

    [TestCase("TERM", "SIGTERM")]
    [TestCase("INT", "SIGINT")]
    public async Task Signal_ConnectedClient_GetsShuttingDownThen1001AndProcessExits0(string signal, string name)
    {
        using var daemon = DaemonProcess.Start(["--port", "0"], new Dictionary<string, string> { ["ADMIN_TOKEN"] = "never-logged" });
        var endpoint = await daemon.WaitForListeningAsync();
        await using var client = await WsClient.ConnectAsync(new Uri($"ws://{endpoint}/ws/"));
        await client.SendAsync(new { type = "join", room = "garden", user = "alice" });
        await client.ReceiveTypeAsync("online");

        await daemon.SignalAsync(signal);

        var error = await client.ReceiveAsync();
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("error"));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("shutting-down"));
        Assert.That(await client.WaitForCloseAsync(), Is.EqualTo(1001));
        await client.Socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "", CancellationToken.None);
        Assert.That(await daemon.WaitForExitAsync(), Is.Zero);
        Assert.That(daemon.Stdout, Has.Some.Contains("Shut down on " + name));
        Assert.That(daemon.Stdout, Has.None.Contains("never-logged"), "the start log masks ADMIN_TOKEN");
    }

    [Test]
    public async Task Signal_StartedWhereSigintIsIgnored_StillStopsOnSigint()
    {
        // What a script's background job (or `trap "" INT`) hands down; the daemon under test gets default dispositions.
        string[] ignoringSigint = ["sh", "-c", "trap '' INT QUIT; exec \"$@\"", "sh"];
        using var daemon = DaemonProcess.Start(["--port", "0"], launcher: ignoringSigint);
        await daemon.WaitForListeningAsync();

        await daemon.SignalAsync("INT");

        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.Zero);
        Assert.That(daemon.Stdout, Has.Some.Contains("Shut down on SIGINT"));
    }

    [Test]
    public async Task Signal_NoClients_ExitsPromptlyAndReleasesPort()
    {
        using var daemon = DaemonProcess.Start(["--port", "0"]);
        var endpoint = await daemon.WaitForListeningAsync();

        await daemon.SignalAsync("TERM");

        Assert.That(await daemon.WaitForExitAsync(), Is.Zero);
        using var again = new TcpListener(endpoint);
        Assert.DoesNotThrow(() => again.Start(), "the port should be free once the daemon exited");
        again.Stop();
    }

    [TestCase(2000, true)]
    [TestCase(12000, false)]
    public async Task Run_OpenFileLimitBelowSettings_WarnsAtStart(int limit, bool warns)
    {
        // Defaults: 10000 connections + 1000 pending handshakes + 64 reserved.
        using var daemon = DaemonProcess.Start(["--port", "0"], wrapper: ["prlimit", $"--nofile={limit}:{limit}"]);
        await daemon.WaitForListeningAsync();
        await daemon.SignalAsync("TERM");
        Assert.That(await daemon.WaitForExitAsync(), Is.Zero);

        var warning = $"MAX_CONNECTIONS 10000 + MAX_PENDING_HANDSHAKES 1000 + 64 reserved exceed the open-file limit {limit}";
        Assert.That(daemon.Stdout.Any(l => l.Contains(warning, StringComparison.Ordinal)), Is.EqualTo(warns));
    }

    [Test]
    public async Task Run_Serving_AnswersHealthOverHttp()
    {
        using var daemon = DaemonProcess.Start(["--port", "0"]);
        var endpoint = await daemon.WaitForListeningAsync();

        var response = await RawHttp.SendAsync(endpoint, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.That(RawHttp.Status(response), Is.EqualTo(200));
        Assert.That(response, Does.Contain("\"status\":\"ok\""));
        await daemon.SignalAsync("TERM");
        Assert.That(await daemon.WaitForExitAsync(), Is.Zero);
    }
}
