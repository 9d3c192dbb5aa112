using System.Net.WebSockets;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>The built binary writes its log from a background thread (README, logging): what was logged before the exit is on stdout after it.</summary>
public sealed class ProcessLogFlushTests
{
    // Each one logs three lines as the shutdown ends it (error sent, left, closed), just before the exit.
    private const int Connections = 150;

    [Test]
    public async Task Signal_TermWithConnectionsInRooms_EveryLineOfTheShutdownWrittenAndShutDownLineLast()
    {
        await using var daemon = await DaemonProcess.StartListeningAsync(new Dictionary<string, string> { ["SHUTDOWN_GRACE_MS"] = "20000" });
        var clients = new List<WsClient>();
        try
        {
            for (var i = 0; i < Connections; i++)
            {
                var client = await WsClient.ConnectAsync(daemon.Ws("/ws/"));
                clients.Add(client);
                await client.SendAsync(new { type = "create" });
                await client.ReceiveTypeAsync("room_created");
            }

            await daemon.SignalAsync("TERM");
            await Task.WhenAll(clients.Select(AnswerCloseAsync)); // Every connection ends within the grace, each logging its lines.

            Assert.That(await daemon.WaitForExitAsync(), Is.Zero);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        var stdout = daemon.Stdout;
        Assert.That(stdout.Count(l => l.Contains(" Joined room=", StringComparison.Ordinal)), Is.EqualTo(Connections));
        Assert.That(stdout.Count(l => l.Contains(" Left room=", StringComparison.Ordinal)), Is.EqualTo(Connections));
        Assert.That(stdout.Count(l => l.Contains(" Connection closed with ", StringComparison.Ordinal)), Is.EqualTo(Connections));
        Assert.That(stdout[^1], Does.Contain("Shut down on SIGTERM"));
    }

    private static async Task AnswerCloseAsync(WsClient client)
    {
        Assert.That(await client.WaitForCloseAsync(), Is.EqualTo(1001));
        await client.Socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "", CancellationToken.None);
    }
}
