using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Numeric;

/// <summary>docs/protocol.md §3.4/§7.1: the errors a numeric client gets (sender-mismatch, not-joined, invalid-message, room-full).</summary>
public sealed class NumericHandlerErrorTests
{
    [Test]
    public void Signal_OtherSenderId_SenderMismatchAndNotRelayed()
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out var roomId);
        var b = hub.NumericJoiner(roomId);

        a.Send(new { type = "signal", senderId = "00000000-0000-0000-0000-000000000000", payload = "p" });

        Assert.That(a.SingleErrorCode(), Is.EqualTo("sender-mismatch"));
        Assert.That(b.Sent, Is.Empty);
    }

    [Test]
    public void Signal_BeforeCreateOrJoin_NotJoined()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "signal", payload = "p" });

        Assert.That(client.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"not-joined\",\"message\":\"Join a room first\"}"));
    }

    [Test]
    public void Signal_AfterFailedJoin_NotJoined()
    {
        using var hub = new HubHarness();
        var client = hub.Room();
        client.Send(new { type = "join", roomId = "1234" });
        client.Clear();

        client.Send(new { type = "signal", payload = "p" });

        Assert.That(client.SingleErrorCode(), Is.EqualTo("not-joined"));
    }

    [Test]
    public void Signal_OtherSenderIdWhileNotJoined_NotJoinedFirst()
    {
        using var hub = new HubHarness();
        var client = hub.Room();
        client.Send(new { type = "join", roomId = "1234" });
        client.Clear();

        // Both errors apply; the sender check runs before the registry lock is taken, yet not-joined must win.
        client.Send(new { type = "signal", senderId = "00000000-0000-0000-0000-000000000000", payload = "p" });

        Assert.That(client.SingleErrorCode(), Is.EqualTo("not-joined"));
    }

    [TestCase("{\"type\":\"signal\"}", TestName = "Signal_MissingPayload_InvalidMessage")]
    [TestCase("{\"type\":\"signal\",\"payload\":1,\"senderId\":5}", TestName = "Signal_NumberSenderId_InvalidMessage")]
    [TestCase("{\"type\":\"join\",\"roomId\":1234}", TestName = "Join_NumberRoomId_InvalidMessage")]
    [TestCase("{\"type\":\"join\",\"roomId\":\"\"}", TestName = "Join_EmptyRoomId_InvalidMessage")]
    [TestCase("{\"type\":\"join\",\"roomId\":null}", TestName = "Join_NullRoomId_InvalidMessage")]
    [TestCase("{\"type\":\"leave\"}", TestName = "Leave_InNumeric_InvalidMessage")]
    public void Message_InvalidFromMember_InvalidMessage(string json)
    {
        using var hub = new HubHarness();
        var a = hub.NumericCreator(out var roomId);
        var b = hub.NumericJoiner(roomId);

        a.SendText(json);

        Assert.That(a.SingleErrorCode(), Is.EqualTo("invalid-message"));
        Assert.That(b.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Numeric, roomId), Has.Count.EqualTo(2));
    }

    [Test]
    public void Join_RoomIdOf129Chars_InvalidMessage()
    {
        using var hub = new HubHarness();
        var client = hub.Room();

        client.Send(new { type = "join", roomId = new string('1', 129) });

        Assert.That(client.SingleErrorCode(), Is.EqualTo("invalid-message"));
    }

    [Test]
    public void Join_FullRoom_RoomFullAndNotRegistered()
    {
        using var hub = new HubHarness(new DaemonOptions { MaxRoomUsers = 2 });
        var a = hub.NumericCreator(out var roomId);
        hub.NumericJoiner(roomId);
        var c = hub.Room();

        c.Send(new { type = "join", roomId });

        Assert.That(c.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"room-full\",\"message\":\"Room is full\"}"));
        Assert.That(c.ClosedWith, Is.Null);
        Assert.That(hub.MembersOf(Dialect.Numeric, roomId), Has.Count.EqualTo(2));
        Assert.That(a.Sent, Is.Empty);
    }
}
