using System.Text;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>
/// The close status the log line and /metrics report is the one the client received, also when
/// the framing layer sent it (1002 protocol error, 1007 invalid UTF-8) rather than the daemon's own code.
/// </summary>
public sealed class TransportCloseStatusTests
{
    [TestCase(1002)]
    [TestCase(1007)]
    public async Task FramingLayerClose_ClientGetsStatus_LoggedAndCountedAsSent(int status)
    {
        await using var server = TestServer.Start();
        await using var client = await RawWsConnection.UpgradeAsync(server.Endpoint);

        var frame = status == 1002
            ? WireFrame.Build(WireFrame.Text, Encoding.UTF8.GetBytes("Hello"), masked: false) // At least 4 payload bytes: the framing layer waits for a mask key's worth.
            : WireFrame.Build(WireFrame.Text, [0xC3, 0x28]); // A broken two-byte UTF-8 sequence.
        await client.SendAsync(frame);

        Assert.That(await client.ReadCloseStatusAsync(), Is.EqualTo(status), "what the client received");
        var line = "Connection closed with " + status + " ";
        await Poll.UntilAsync(() => server.Logs.Lines.Any(l => l.StartsWith(line, StringComparison.Ordinal)), "the log line names " + status);
        Assert.That(server.Logs.Lines.Where(l => l.StartsWith("Connection closed with 1006", StringComparison.Ordinal)), Is.Empty);
        Assert.That(server.Host.Metrics.ConnectionsClosed.Get(status.ToString(System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(1));
        Assert.That(server.Host.Metrics.ConnectionsClosed.Get("1006"), Is.Zero);
    }
}
