using System.Net.WebSockets;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>The built binary writes its log from a background thread (README, logging): what was logged before the exit is on stdout after it.</summary>
public sealed class ProcessLogFlushTests
{
    private const int Connections = 40;

    [Test]
    public async Task Signal_TermRightAfterBurstOfJoins_EveryLineWrittenAndShutDownLineLast()
    {
        await using var daemon = await DaemonProcess.StartListeningAsync();
        for (var i = 0; i < Connections; i++)
        {
            await using var client = await WsClient.ConnectAsync(daemon.Ws("/ws/"));
            await client.SendAsync(new { type = "create" });
            await client.ReceiveTypeAsync("room_created");
            await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }

        await daemon.SignalAsync("TERM");

        Assert.That(await daemon.WaitForExitAsync(), Is.Zero);
        var stdout = daemon.Stdout;
        Assert.That(stdout.Count(l => l.Contains(" Connection opened from ", StringComparison.Ordinal)), Is.EqualTo(Connections));
        Assert.That(stdout.Count(l => l.Contains(" Joined room=", StringComparison.Ordinal)), Is.EqualTo(Connections));
        Assert.That(stdout[^1], Does.Contain("Shut down on SIGTERM"));
    }
}
