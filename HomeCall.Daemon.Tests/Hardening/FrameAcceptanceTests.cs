using System.Text;
using HomeCall.Daemon.Tests.TestSupport;
using static HomeCall.Daemon.Tests.TestSupport.WireFrame;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Legal but unusual framing that must work (RFC 6455 §5.4-§5.5): the limit itself, many
/// fragments, control frames between fragments, a frame one byte per packet, pings,
/// unsolicited pongs, the close handshake, and binary or empty messages (docs/protocol.md §3.1:
/// invalid-message, the connection stays open).
/// </summary>
public sealed class FrameAcceptanceTests
{
    private static readonly string JoinText = """{"type":"join","room":"frames","user":"u"}""";

    [Test]
    public async Task Frame_TextOfExactlyMaxMessageBytes_Processed()
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint);
        var json = """{"type":"join","room":"frames","user":"u","pad":""}""";
        var padded = json.Insert(json.Length - 2, new string('p', FrameCases.MaxMessageBytes - json.Length));

        await raw.SendTextAsync(padded);

        Assert.That(Encoding.UTF8.GetByteCount(padded), Is.EqualTo(FrameCases.MaxMessageBytes));
        Assert.That((await raw.ReadJsonAsync()).GetProperty("type").GetString(), Is.EqualTo("online"));
    }

    [Test]
    public async Task Frame_MessageIn1000Fragments_Processed()
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint);
        var payload = Encoding.UTF8.GetBytes(JoinText.Replace("\"u\"", "\"" + new string('u', 60) + "\"", StringComparison.Ordinal) + new string(' ', 2000));

        await raw.SendAsync(Concat(FrameCases.Fragments(payload, 1000)));

        Assert.That((await raw.ReadJsonAsync()).GetProperty("type").GetString(), Is.EqualTo("online"));
    }

    [Test]
    public async Task Frame_PingBetweenFragments_PongThenMessageProcessed()
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint);
        var payload = Encoding.UTF8.GetBytes(JoinText);

        await raw.SendAsync(Concat(Build(Text, payload.AsSpan(0, 10), fin: false), Build(Ping, "mid"u8), Build(Continuation, payload.AsSpan(10))));

        var pong = await raw.ReadFrameAsync();
        Assert.That(pong!.Opcode, Is.EqualTo(Pong));
        Assert.That(pong.Text, Is.EqualTo("mid"));
        Assert.That((await raw.ReadJsonAsync()).GetProperty("type").GetString(), Is.EqualTo("online"));
    }

    [Test]
    public async Task Frame_OneBytePerPacket_Processed()
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint);

        await raw.SendBytewiseAsync(TextFrame(JoinText));

        Assert.That((await raw.ReadJsonAsync()).GetProperty("type").GetString(), Is.EqualTo("online"));
    }

    [Test]
    public async Task Frame_UnsolicitedPong_Ignored()
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint);

        await raw.SendAsync(Concat(Build(Pong, "nobody asked"u8), TextFrame(JoinText)));

        Assert.That((await raw.ReadJsonAsync()).GetProperty("type").GetString(), Is.EqualTo("online"));
    }

    [TestCase(1000)]
    [TestCase(1001)]
    [TestCase(1003)]
    [TestCase(1007)]
    [TestCase(1008)]
    [TestCase(1009)]
    [TestCase(1010)]
    [TestCase(1011)]
    [TestCase(3000)]
    [TestCase(4000)]
    [TestCase(4999)]
    public async Task Frame_CloseWithValidCode_Echoed(int code)
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint);

        await raw.SendAsync(CloseFrame(code, "bye"));

        Assert.That(await raw.ReadCloseStatusAsync(), Is.EqualTo(code));
        Assert.That(await raw.WaitForEndAsync(), Is.True);
    }

    [Test]
    public async Task Frame_CloseWithEmptyPayload_AnsweredWithoutStatusOr1000()
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint);

        await raw.SendAsync(Build(Close, []));

        Assert.That(await raw.ReadCloseStatusAsync(), Is.AnyOf(1005, 1000)); // 1005 = the close frame had no status (RFC 6455 §7.1.5).
    }

    [Test]
    public async Task Frame_TextAfterClose_NotProcessed()
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint);

        await raw.SendAsync(Concat(CloseFrame(1000), TextFrame(JoinText)));

        Assert.That((await raw.ReadFrameAsync())!.IsClose, Is.True, "the close is the first and only answer");
        await Poll.UntilAsync(() => server.Host.Connections == 0, "0 open connections");
        Assert.That(server.Logs.Lines, Has.None.StartsWith("Joined room="));
    }

    [Test]
    public async Task Frame_BinaryAndEmptyText_InvalidMessageAndStillOpen()
    {
        await using var server = TestServer.Start();
        await using var raw = await RawWsConnection.UpgradeAsync(server.Endpoint);

        await raw.SendAsync(Concat(Build(Binary, [1, 2, 3]), Build(Text, []), TextFrame(JoinText)));

        Assert.That((await raw.ReadJsonAsync()).GetProperty("code").GetString(), Is.EqualTo("invalid-message"));
        Assert.That((await raw.ReadJsonAsync()).GetProperty("code").GetString(), Is.EqualTo("invalid-message"));
        Assert.That((await raw.ReadJsonAsync()).GetProperty("type").GetString(), Is.EqualTo("online"));
    }
}
