using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>One real connection end to end: upgrade, text in and out, the message rules of docs/protocol.md §3.1 the transport enforces.</summary>
public sealed class TransportRoundTripTests
{
    private const string InvalidMessage = """{"type":"error","code":"invalid-message","message":"Invalid message"}""";

    [TestCase("/")]
    [TestCase("/ws")]
    [TestCase("/ws/")]
    public async Task Connect_UnknownTypeMessage_AnswersInvalidMessageAndStaysOpen(string path)
    {
        await using var server = TestServer.Start();
        await using var client = await WsClient.ConnectAsync(server.Ws(path));

        await client.SendTextAsync("""{"type":"bogus"}""");
        Assert.That(await client.ReceiveTextAsync(), Is.EqualTo(InvalidMessage));

        await client.SendAsync(new { type = "join", room = "garden", user = "alice" });
        var online = await client.ReceiveAsync();
        Assert.That(online.GetProperty("type").GetString(), Is.EqualTo("online"));
    }

    [Test]
    public async Task Connect_ServerOnFakeClock_SendsEveryMessage()
    {
        // Tests drive expiry with a fake clock; the transport must not depend on the system timer.
        await using var server = TestServer.Start(time: new FakeTimeProvider());
        await using var client = await WsClient.ConnectAsync(server.Ws("/ws/"));

        for (var i = 0; i < 3; i++)
        {
            await client.SendTextAsync("{}");
            Assert.That(await client.ReceiveTextAsync(), Is.EqualTo(InvalidMessage), $"reply {i}");
        }
    }

    [Test]
    public async Task Connect_Signal_ErrorsCarryRoom()
    {
        await using var server = TestServer.Start(new DaemonOptions { ErrorLanguage = ErrorLanguage.English });
        await using var client = await WsClient.ConnectAsync(server.Ws("/signal"));

        await client.SendTextAsync("not json");
        var error = await client.ReceiveAsync();

        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("invalid-message"));
        Assert.That(error.GetProperty("room").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Upgrade_FirstFramesInSameWriteAsHead_AreNotLost()
    {
        await using var server = TestServer.Start();
        byte[] frames = [.. WireFrame.TextFrame("""{"type":"join","room":"r","user":"alice"}"""), .. WireFrame.TextFrame("[]")];

        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/", after: frames);

        Assert.That(await raw.ReceiveTextAsync(), Is.EqualTo("""{"type":"online","room":"r","users":["alice"]}"""));
        Assert.That(await raw.ReceiveTextAsync(), Is.EqualTo(InvalidMessage));
    }

    [Test]
    public async Task Send_BinaryMessage_AnswersInvalidMessageAndStaysOpen()
    {
        await using var server = TestServer.Start();
        await using var client = await WsClient.ConnectAsync(server.Ws("/ws/"));

        await client.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.That(await client.ReceiveTextAsync(), Is.EqualTo(InvalidMessage));

        await client.SendTextAsync("{}");
        Assert.That(await client.ReceiveTextAsync(), Is.EqualTo(InvalidMessage));
    }

    [Test]
    public async Task Send_MessageOfExactlyMaxBytes_IsProcessed()
    {
        await using var server = TestServer.Start(new DaemonOptions { MaxMessageBytes = 1024 });
        await using var client = await WsClient.ConnectAsync(server.Ws("/ws/"));

        await client.SendTextAsync(JsonOfLength(1024));

        Assert.That(await client.ReceiveTextAsync(), Is.EqualTo(InvalidMessage));
    }

    [Test]
    public async Task Send_MessageOverMaxBytes_Closes1009AndServerKeepsServingOthers()
    {
        await using var server = TestServer.Start(new DaemonOptions { MaxMessageBytes = 1024 });
        await using var other = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await using var client = await WsClient.ConnectAsync(server.Ws("/ws/"));

        await client.SendTextAsync(JsonOfLength(1025));

        Assert.That(await client.WaitForCloseAsync(), Is.EqualTo(1009));
        await other.SendTextAsync("{}");
        Assert.That(await other.ReceiveTextAsync(), Is.EqualTo(InvalidMessage));
        await using var later = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await later.SendTextAsync("{}");
        Assert.That(await later.ReceiveTextAsync(), Is.EqualTo(InvalidMessage));
    }

    [Test]
    public async Task Send_FragmentsAddingUpOverMaxBytes_Closes1009()
    {
        await using var server = TestServer.Start(new DaemonOptions { MaxMessageBytes = 1024 });
        await using var client = await WsClient.ConnectAsync(server.Ws("/ws/"));
        var chunk = Encoding.UTF8.GetBytes(new string(' ', 400));

        for (var i = 0; i < 3; i++)
        {
            await client.Socket.SendAsync(chunk, WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
        }

        Assert.That(await client.WaitForCloseAsync(), Is.EqualTo(1009));
    }

    [Test]
    public async Task Send_InvalidUtf8Text_Closes1007()
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");

        await raw.SendAsync(WireFrame.Build(WireFrame.Text, [0x7B, 0xFF, 0xFE, 0x7D]));

        var frame = await raw.ReadFrameAnsweringPingsAsync(WsClient.DefaultWait);
        Assert.That(frame?.Opcode, Is.EqualTo(WireFrame.Close));
        Assert.That(frame!.CloseStatus, Is.EqualTo(1007));
    }

    [Test]
    public async Task Close_ClientClosesNormally_ServerEchoes1000AndForgetsConnection()
    {
        await using var server = TestServer.Start();
        var client = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await Poll.UntilAsync(() => server.Host.Connections == 1, "the connection to be counted", WsClient.DefaultWait);

        await client.CloseAsync();

        Assert.That(client.Socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.NormalClosure));
        await Poll.UntilAsync(() => server.Host.Connections == 0, "the connection to be released", WsClient.DefaultWait);
        await client.DisposeAsync();
    }

    [TestCase(new byte[0], 1000, TestName = "Close_PeerCloseWithoutStatus_ServerAnswers1000")]
    [TestCase(new byte[] { 0x0F, 0xA0 }, 4000, TestName = "Close_PeerCloseWithStatus4000_ServerEchoesIt")]
    [TestCase(new byte[] { 0x03, 0xE9, 0x62, 0x79, 0x65 }, 1001, TestName = "Close_PeerCloseWithReason_ServerEchoesStatus")]
    public async Task Close_PeerSendsClose_ServerAnswersWithCloseFrame(byte[] payload, int expected)
    {
        // RFC 6455 §5.5.1: the endpoint answers a close with a close, typically echoing the status.
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint, "/ws/");

        await raw.SendAsync(WireFrame.Build(WireFrame.Close, payload));

        var frame = await raw.ReadFrameAnsweringPingsAsync(WsClient.DefaultWait);
        Assert.That(frame?.Opcode, Is.EqualTo(WireFrame.Close));
        Assert.That(frame!.CloseStatus, Is.EqualTo(expected));
        Assert.That(await raw.WaitForEndAsync(WsClient.DefaultWait), Is.True, "the server closes the TCP connection after the close handshake");
    }

    /// <summary>A JSON object of exactly <paramref name="length"/> UTF-8 bytes whose type is unknown.</summary>
    private static string JsonOfLength(int length)
    {
        const string Start = """{"type":"x","pad":" """;
        const string End = "\"}";
        return Start + new string('a', length - Start.Length - End.Length) + End;
    }
}
