using System.Text;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Message-level inputs that only the whole daemon can answer: a 64 KiB SDP at and past
/// MAX_MESSAGE_BYTES (docs/protocol.md §3.1: relayed intact / closed with 1009), and a malformed string
/// that must cost the sender an error, not its connection or a server Error log.
/// </summary>
public sealed class MessageWireTests
{
    [Test]
    public async Task Offer_SdpFillingMaxMessageBytes_RelayedIntact()
    {
        await using var server = TestServer.Start();
        var (alice, bob) = await PairAsync(server);
        await using var disposeAlice = alice;
        await using var disposeBob = bob;
        var envelope = """{"type":"offer","to":"bob","sdp":""}""";
        var sdp = SdpOf(server.Options.MaxMessageBytes - envelope.Length);

        await alice.SendTextAsync(envelope.Insert(envelope.Length - 2, sdp));

        var offer = await bob.ReceiveAsync();
        Assert.That(offer.GetProperty("sdp").GetString(), Is.EqualTo(System.Text.Json.JsonSerializer.Deserialize<string>("\"" + sdp + "\"")));
        Assert.That(offer.GetProperty("from").GetString(), Is.EqualTo("alice"));
    }

    [Test]
    public async Task Offer_SdpOneBytePastMaxMessageBytes_Closed1009AndRoomToldLeave()
    {
        await using var server = TestServer.Start();
        var (alice, bob) = await PairAsync(server);
        await using var disposeAlice = alice;
        await using var disposeBob = bob;
        var envelope = """{"type":"offer","to":"bob","sdp":""}""";

        await alice.SendTextAsync(envelope.Insert(envelope.Length - 2, SdpOf(server.Options.MaxMessageBytes - envelope.Length + 1)));

        Assert.That(await alice.WaitForCloseAsync(), Is.EqualTo(1009));
        await alice.Socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.MessageTooBig, "", CancellationToken.None); // As a browser answers.
        var online = await bob.ReceiveTypeAsync("online");
        Assert.That(online.GetProperty("users").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { "bob" }));
    }

    [Test]
    public async Task Join_LoneSurrogateEscapeInUser_InvalidMessageAndStillOpen()
    {
        await using var server = TestServer.Start();
        await using var client = await WsClient.ConnectAsync(server.Ws("/ws/"));

        await client.SendTextAsync("""{"type":"join","room":"garden","user":"\ud800"}""");

        var reply = await client.ReceiveAsync();
        Assert.That(reply.GetProperty("code").GetString(), Is.EqualTo("invalid-message"));
        await client.SendAsync(new { type = "join", room = "garden", user = "ok" });
        Assert.That((await client.ReceiveAsync()).GetProperty("type").GetString(), Is.EqualTo("online"));
    }

    /// <summary>SDP-like JSON string content (CRLF escaped) of exactly <paramref name="length"/> raw bytes.</summary>
    private static string SdpOf(int length)
    {
        var sdp = new StringBuilder("v=0\\r\\n");
        while (sdp.Length < length)
        {
            sdp.Append("a=candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\\r\\n");
        }

        var cut = sdp.ToString(0, length).TrimEnd('\\'); // Never end inside an escape.
        return cut + new string('x', length - cut.Length);
    }

    private static async Task<(WsClient Alice, WsClient Bob)> PairAsync(TestServer server)
    {
        var alice = await WsClient.ConnectAsync(server.Ws("/ws/"));
        var bob = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await alice.SendAsync(new { type = "join", room = "sdp", user = "alice" });
        await alice.ReceiveTypeAsync("online");
        await bob.SendAsync(new { type = "join", room = "sdp", user = "bob" });
        await bob.ReceiveTypeAsync("online");
        await alice.ReceiveTypeAsync("online");
        return (alice, bob);
    }
}
