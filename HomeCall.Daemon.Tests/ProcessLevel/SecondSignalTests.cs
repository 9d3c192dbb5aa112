using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>A second SIGTERM/SIGINT during the graceful drain ends the process at once.</summary>
public sealed class SecondSignalTests
{
    [Test]
    public async Task Signal_SecondWhileDraining_ExitsWithoutWaitingForTheGrace()
    {
        using var daemon = DaemonProcess.Start(
            ["--port", "0"],
            new Dictionary<string, string> { [SettingKeys.ShutdownGraceMs] = "60000" });
        var endpoint = await daemon.WaitForListeningAsync();
        await using var client = await WsClient.ConnectAsync(new Uri($"ws://{endpoint}/"));

        await daemon.SignalAsync("TERM");
        await client.ReceiveTypeAsync("error"); // shutting-down: the drain has begun, and this client never answers the close
        await daemon.SignalAsync("INT");

        var exit = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(15));
        Assert.That(exit, Is.Not.Zero, "a forced exit is not a clean one");
        Assert.That(daemon.Stdout.Any(l => l.Contains("Shut down on", StringComparison.Ordinal)), Is.False);
    }
}
