using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Sessions;

/// <summary>docs/protocol.md §8.1, every row of the /signal message table.</summary>
public sealed class SessionHandlerTests
{
    private const string Id = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
    private const string IdUpper = "6F9619FF-8B86-D011-B42D-00C04FC964FF";
    private const string OtherId = "3e2b8a51-0c1d-4f7e-9a6b-2d4c8e1f0a99";

    [Test]
    public void Join_NewSession_NoAcknowledgementAndSessionKeptLowerCase()
    {
        using var hub = new HubHarness();
        var caller = hub.Signal();

        caller.Send(new { type = "join", room = IdUpper, user = "caller" });

        Assert.That(caller.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Session, Id), Is.EqualTo(Expect.List("caller")));
    }

    [Test]
    public void Join_SameSessionInOtherCase_SameSession()
    {
        using var hub = new HubHarness();
        hub.Session(IdUpper, "caller");

        hub.Session(Id, "callee");

        Assert.That(hub.MembersOf(Dialect.Session, Id), Is.EqualTo(Expect.List("caller", "callee")));
        Assert.That(hub.RoomCount(Dialect.Session), Is.EqualTo(1));
    }

    [TestCase("offer", "sdp", "\"v=0\"")]
    [TestCase("answer", "sdp", "{\"type\":\"answer\",\"sdp\":\"v=0\"}")]
    [TestCase("candidate", "candidate", "{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 9 typ host\",\"sdpMid\":\"0\"}")]
    [TestCase("candidate", "candidate", "null")]
    public void Relay_PeerPresent_DeliveredWithLowerCaseRoomStampedFromAndExtraFields(string type, string field, string body)
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");

        caller.SendText("{\"type\":\"" + type + "\",\"room\":\"" + IdUpper + "\"," + "\"" + field + "\":" + body + ",\"to\":\"x\",\"extra\":[1]}");

        Assert.That(callee.SingleText(), Is.EqualTo("{\"type\":\"" + type + "\",\"room\":\"" + Id + "\",\"from\":\"caller\",\"" + field + "\":" + body + ",\"to\":\"x\",\"extra\":[1]}"));
        Assert.That(caller.Sent, Is.Empty);
    }

    [Test]
    public void Relay_MatchingFrom_Relayed()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");

        callee.Send(new { type = "answer", room = Id, from = "callee", sdp = "v=0" });

        Assert.That(caller.SingleText(), Is.EqualTo("{\"type\":\"answer\",\"room\":\"" + Id + "\",\"from\":\"callee\",\"sdp\":\"v=0\"}"));
    }

    [Test]
    public void Relay_OtherFrom_SenderMismatchWithRoomAndNotRelayed()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");

        caller.Send(new { type = "offer", room = Id, from = "callee", sdp = "v=0" });

        Assert.That(caller.SingleText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + Id + "\",\"code\":\"sender-mismatch\",\"message\":\"Отправитель не совпадает с участником\"}"));
        Assert.That(callee.Sent, Is.Empty);
    }

    [Test]
    public void Leave_Participant_OtherGetsLeaveAndBothUnregistered()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");

        caller.Send(new { type = "leave", room = IdUpper, user = "caller" });

        Assert.That(callee.SingleText(), Is.EqualTo("{\"type\":\"leave\",\"room\":\"" + Id + "\",\"from\":\"caller\"}"));
        Assert.That(caller.Sent, Is.Empty);
        Assert.That(hub.RoomCount(Dialect.Session), Is.Zero);
        Assert.That(callee.ClosedWith, Is.Null);
    }

    [Test]
    public void Leave_OtherUser_SenderMismatchAndSessionGoesOn()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");

        caller.Send(new { type = "leave", room = Id, user = "callee" });

        Assert.That(caller.SingleErrorCode(), Is.EqualTo("sender-mismatch"));
        Assert.That(callee.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Session, Id), Has.Count.EqualTo(2));
    }

    [Test]
    public void Relay_OtherSession_SessionNotFoundWithThatRoom()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        hub.Session(OtherId, "stranger");

        caller.Send(new { type = "offer", room = OtherId.ToUpperInvariant(), sdp = "v=0" });

        Assert.That(caller.SingleText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + OtherId + "\",\"code\":\"session-not-found\",\"message\":\"Сигнал не найден\"}"));
    }

    [TestCase("offer")]
    [TestCase("leave")]
    public void Message_BeforeAnyJoin_SessionNotFound(string type)
    {
        using var hub = new HubHarness();
        var client = hub.Signal();

        client.Send(new { type, room = Id, sdp = "v=0", user = "caller" });

        Assert.That(client.SingleErrorCode(), Is.EqualTo("session-not-found"));
        Assert.That(JsonShape.Str(client.Single(), "room"), Is.EqualTo(Id));
    }

    [Test]
    public void Join_ThirdUser_RoomFullWithRoomAndNotRegistered()
    {
        using var hub = new HubHarness();
        hub.Session(Id, "caller");
        hub.Session(Id, "callee");
        var third = hub.Signal();

        third.Send(new { type = "join", room = Id, user = "intruder" });

        Assert.That(third.SingleText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + Id + "\",\"code\":\"room-full\",\"message\":\"Комната заполнена\"}"));
        Assert.That(hub.MembersOf(Dialect.Session, Id), Is.EqualTo(Expect.List("caller", "callee")));
    }

    [Test]
    public void Join_ThirdUserWhileOneDisconnected_StillRoomFull()
    {
        using var hub = new HubHarness();
        hub.Session(Id, "caller");
        hub.Session(Id, "callee").Disconnect();
        var third = hub.Signal();

        third.Send(new { type = "join", room = Id, user = "intruder" });

        Assert.That(third.SingleErrorCode(), Is.EqualTo("room-full"));
    }

    [Test]
    public void Join_SameUserFromAnotherConnection_OlderReplacedWith4001()
    {
        using var hub = new HubHarness();
        var old = hub.Session(Id, "caller");

        hub.Session(Id, "caller");

        Assert.That(old.SingleText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + Id + "\",\"code\":\"replaced\",\"message\":\"Подключение с другого устройства\"}"));
        Assert.That(old.ClosedWith, Is.EqualTo(4001));
        Assert.That(hub.MembersOf(Dialect.Session, Id), Is.EqualTo(Expect.List("caller")));
    }

    [Test]
    public void Relay_AfterReplacement_ReachesNewerConnection()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var oldCallee = hub.Session(Id, "callee");
        var newCallee = hub.Session(Id, "callee");
        oldCallee.Clear();

        caller.Send(new { type = "offer", room = Id, sdp = "v=0" });
        oldCallee.Disconnect();
        caller.Send(new { type = "candidate", room = Id, candidate = "c" });

        Assert.That(oldCallee.Sent, Is.Empty);
        Assert.That(newCallee.Messages.Select(JsonShape.Type), Is.EqualTo(Expect.List("offer", "candidate")));
    }
}
