using System.Net.Sockets;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>Near the descriptor limit the daemon stops accepting (before the runtime could fail), keeps running and accepts again once sockets close.</summary>
public sealed class AcceptExhaustionTests
{
    private const int FileLimit = 96;
    private const int Clients = 120;

    [Test]
    public async Task Accept_AtDescriptorLimit_PausesWarnsOnceAndServesAgainAfterClientsLeave()
    {
        using var daemon = DaemonProcess.Start(["--port", "0"], wrapper: ["prlimit", $"--nofile={FileLimit}:{FileLimit}"]);
        var endpoint = await daemon.WaitForListeningAsync();
        var hogs = new List<Socket>();
        try
        {
            // Sockets that never finish their handshake hold a descriptor each in the daemon.
            for (var i = 0; i < Clients; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                hogs.Add(socket);
                await socket.ConnectAsync(endpoint);
            }

            await Poll.UntilAsync(
                () => daemon.Stdout.Any(l => l.Contains("Not accepting", StringComparison.Ordinal)),
                "the daemon to reach its descriptor limit",
                TimeSpan.FromSeconds(20));
        }
        finally
        {
            foreach (var socket in hogs)
            {
                socket.Dispose();
            }
        }

        var response = await Poll.UntilAsync(
            async () => await TryHealthAsync(endpoint),
            status => status == 200,
            TimeSpan.FromSeconds(20));

        Assert.That(response, Is.EqualTo(200));
        Assert.That(daemon.Stdout.Count(l => l.Contains("Not accepting", StringComparison.Ordinal)), Is.EqualTo(1), daemon.Output);
        Assert.That(daemon.Stdout, Has.Some.Contains("Accepting again"));
        Assert.That(daemon.Stdout, Has.None.Contains("Accept failed"), "the limit was never hit");
        await daemon.SignalAsync("TERM");
        Assert.That(await daemon.WaitForExitAsync(), Is.Zero, daemon.Output);
    }

    private static async Task<int> TryHealthAsync(System.Net.IPEndPoint endpoint)
    {
        try
        {
            return RawHttp.Status(await RawHttp.SendAsync(endpoint, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
        }
        catch (SocketException)
        {
            return 0;
        }
    }
}
