using System.Text;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>docs/protocol.md §3.1: every malformed message is answered with invalid-message and the connection stays open.</summary>
public sealed class SignalingClientInvalidTests
{
    private const string RoomInvalid = "{\"type\":\"error\",\"code\":\"invalid-message\",\"message\":\"Invalid message\"}";
    private const string SignalInvalid = "{\"type\":\"error\",\"room\":null,\"code\":\"invalid-message\",\"message\":\"Некорректное сообщение\"}";

    private static readonly string[] Malformed =
    [
        "not json",
        "{\"type\":\"join\"",
        "{\"type\":\"join\",}",
        "[]",
        "[{\"type\":\"join\"}]",
        "\"join\"",
        "17",
        "true",
        "null",
        "{}",
        "{\"room\":\"garden\",\"user\":\"alice\"}",
        "{\"type\":null}",
        "{\"type\":1}",
        "{\"type\":{}}",
        "{\"type\":[\"join\"]}",
        "{\"type\":\"hello\"}",
        "{\"type\":\"\"}",
        "{\"type\":\"JOIN\",\"user\":\"alice\"}",
        "{\"type\":\"join\",\"type\":\"join\",\"room\":\"garden\",\"user\":\"alice\"}",
        "{\"type\":\"join\",\"room\":\"garden\",\"room\":\"other\",\"user\":\"alice\"}",
        "{\"type\":\"join\",\"room\":\"\\ud800\",\"user\":\"alice\"}",
    ];

    [TestCaseSource(nameof(Malformed))]
    public void OnText_MalformedOnRoomEndpoint_InvalidMessageAndStaysOpen(string json)
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.SendText(json);

        Assert.That(client.SingleText(), Is.EqualTo(RoomInvalid));
        Assert.That(client.ClosedWith, Is.Null);
    }

    [TestCaseSource(nameof(Malformed))]
    public void OnText_MalformedOnSignal_RussianInvalidMessageWithNullRoom(string json)
    {
        using var hub = new HubHarness();
        var client = hub.Signal();

        client.SendText(json);

        Assert.That(client.SingleText(), Is.EqualTo(SignalInvalid));
        Assert.That(client.ClosedWith, Is.Null);
    }

    [Test]
    public void OnText_UnknownTypeNamingSessionOnSignal_ErrorEchoesSessionInLowerCase()
    {
        using var hub = new HubHarness();
        var client = hub.Signal();

        client.Send(new { type = "hello", room = "6F9619FF-8B86-D011-B42D-00C04FC964FF" });

        Assert.That(JsonShape.Str(client.Single(), "room"), Is.EqualTo("6f9619ff-8b86-d011-b42d-00c04fc964ff"));
        Assert.That(JsonShape.Str(client.Single(), "code"), Is.EqualTo("invalid-message"));
    }

    [Test]
    public void OnText_MalformedAfterJoin_MemberStillWorks()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Homecall("garden", "bob");
        alice.Clear();

        alice.SendText("{oops");
        alice.Send(new { type = "offer", to = "bob", sdp = "v=0" });

        Assert.That(alice.SingleText(), Is.EqualTo(RoomInvalid));
        Assert.That(JsonShape.Type(bob.Last), Is.EqualTo("offer"));
    }

    [Test]
    public void OnText_DepthOver32_InvalidMessage()
    {
        using var hub = new HubHarness();
        var creator = hub.NumericCreator(out _);
        var deep = "{\"type\":\"signal\",\"payload\":" + new string('[', 32) + new string(']', 32) + "}";

        creator.SendText(deep);

        Assert.That(creator.SingleText(), Is.EqualTo(RoomInvalid));
    }

    [Test]
    public void OnText_Depth32_Relayed()
    {
        using var hub = new HubHarness();
        var creator = hub.NumericCreator(out var roomId);
        var joiner = hub.NumericJoiner(roomId);
        var payload = new string('[', 31) + new string(']', 31);

        creator.SendText("{\"type\":\"signal\",\"payload\":" + payload + "}");

        Assert.That(JsonShape.Str(joiner.Single(), "type"), Is.EqualTo("signal"));
        Assert.That(joiner.SingleText(), Does.EndWith("\"payload\":" + payload + "}"));
    }

    [Test]
    public void OnBinary_RoomEndpoint_InvalidMessageAndStaysOpen()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.SendBinary();

        Assert.That(client.SingleText(), Is.EqualTo(RoomInvalid));
        Assert.That(client.ClosedWith, Is.Null);
    }

    [Test]
    public void OnBinary_Signal_RussianInvalidMessage()
    {
        using var hub = new HubHarness();
        var client = hub.Signal();

        client.SendBinary();

        Assert.That(client.SingleText(), Is.EqualTo(SignalInvalid));
    }

    [Test]
    public void OnBinary_Mesh_InvalidMessage()
    {
        using var hub = new HubHarness();
        var client = hub.Mesh("hall", "u1", "Ann");
        client.Clear();

        client.SendBinary();

        Assert.That(client.SingleText(), Is.EqualTo(RoomInvalid));
    }

    [Test]
    public void OnText_InvalidJsonBytes_InvalidMessage()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.SendBytes(Encoding.UTF8.GetBytes("{\"type\":\"create\"}").Concat(new byte[] { 0 }).ToArray());

        Assert.That(client.SingleText(), Is.EqualTo(RoomInvalid));
    }
}
