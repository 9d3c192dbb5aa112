using HomeCall.Daemon.Tests.TestSupport;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>
/// MAX_MESSAGE_BYTES over the wire (docs/protocol.md §3.1, §10.1): a message past it is closed with 1009 as
/// soon as a frame's header says so, and the rest of it, still read to find the client's close, is ignored.
/// </summary>
public sealed class WebSocketConnectionSizeTests
{
    [Test]
    public async Task Text_FourTimesMaxMessageBytesThenClose_Closed1009AndLoggedOnce()
    {
        // The rest of a refused message keeps arriving after the 1009 (a browser's whole message, or a
        // hostile frame declaring gigabytes): it is skipped to reach the client's close, and must not
        // write a line per MAX_MESSAGE_BYTES (one client once wrote 95,000 lines in the 5 s close wait).
        await using var server = TestServer.Start();
        await using var client = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");
        var payload = Enumerable.Repeat((byte)'a', 4 * (server.Options.MaxMessageBytes + 1)).ToArray();

        await client.SendAsync(WireFrame.Concat(WireFrame.Build(WireFrame.Text, payload), WireFrame.CloseFrame(1000)));

        Assert.That(await client.ReadCloseStatusAsync(), Is.EqualTo(1009));
        Assert.That(await client.WaitForEndAsync(), Is.True);
        await Poll.UntilAsync(() => server.Logs.Lines.Any(l => l.StartsWith("Connection closed", StringComparison.Ordinal)), "the close logged");
        Assert.That(server.Logs.Lines, Has.Some.StartsWith("Connection closed with 1009 (peer sent 1000)"), "the client's close is read after the refused message");
        var tooBig = server.Logs.Events.Where(e => e.MessageTemplate.Text.StartsWith("Message over", StringComparison.Ordinal)).ToArray();
        Assert.That(tooBig, Has.Length.EqualTo(1));
        Assert.That(tooBig[0].Level, Is.EqualTo(LogEventLevel.Warning), "docs/security.md §3: a warning for the admin (MAX_MESSAGE_BYTES too small for real SDP, or a hostile client)");
    }

    [Test]
    public async Task Text_HeaderDeclaringMaxMessageBytesPlusOne_Closed1009BeforeItsPayload()
    {
        // The frame's length field already proves the message too big (RFC 6455 §5.2): no payload needs to
        // come for the answer (once, a client that sent only the header heard nothing until the keep-alive dropped it).
        await using var server = TestServer.Start();
        await using var client = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");

        await client.SendAsync(WireFrame.Build(WireFrame.Text, [], declaredLength: (ulong)server.Options.MaxMessageBytes + 1));

        Assert.That(await client.ReadCloseStatusAsync(), Is.EqualTo(1009));
    }

    [Test]
    public async Task Text_ContinuationDeclaringMaxMessageBytesPlusOne_Closed1009BeforeItsPayload()
    {
        await using var server = TestServer.Start();
        await using var client = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");
        var first = Enumerable.Repeat((byte)'a', server.Options.MaxMessageBytes / 2).ToArray();

        await client.SendAsync(WireFrame.Concat(
            WireFrame.Build(WireFrame.Text, first, fin: false),
            WireFrame.Build(WireFrame.Continuation, "a"u8, declaredLength: (ulong)(server.Options.MaxMessageBytes - first.Length + 1))));

        Assert.That(await client.ReadCloseStatusAsync(), Is.EqualTo(1009));
    }
}
