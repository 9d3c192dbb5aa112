using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Sessions;

/// <summary>docs/protocol.md §8.1/§8.3: malformed /signal messages are invalid-message, in Russian, carrying the room they named.</summary>
public sealed class SessionHandlerValidationTests
{
    private const string Id = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

    [TestCase("{6f9619ff-8b86-d011-b42d-00c04fc964ff}")]
    [TestCase("urn:uuid:6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [TestCase("6f9619ff8b86d011b42d00c04fc964ff")]
    [TestCase("6f9619ff-8b86-d011-b42d-00c04fc964f")]
    [TestCase("6f9619ff-8b86-d011-b42d-00c04fc964ffa")]
    [TestCase("6f9619ff-8b86-d011-b42d_00c04fc964ff")]
    [TestCase("6g9619ff-8b86-d011-b42d-00c04fc964ff")]
    [TestCase("garden")]
    [TestCase("")]
    public void Join_RoomNotAUuid_InvalidMessageEchoingRoom(string room)
    {
        using var hub = new HubHarness();
        var client = hub.Signal();

        client.Send(new { type = "join", room, user = "caller" });

        Assert.That(client.SingleText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + room + "\",\"code\":\"invalid-message\",\"message\":\"Некорректное сообщение\"}"));
        Assert.That(hub.RoomCount(Dialect.Session), Is.Zero);
    }

    [TestCase("{\"type\":\"join\",\"user\":\"caller\"}", null, TestName = "Join_MissingRoom_InvalidMessageWithNullRoom")]
    [TestCase("{\"type\":\"join\",\"room\":42,\"user\":\"caller\"}", null, TestName = "Join_NumberRoom_InvalidMessageWithNullRoom")]
    [TestCase("{\"type\":\"join\",\"room\":\"" + Id + "\"}", Id, TestName = "Join_MissingUser_InvalidMessage")]
    [TestCase("{\"type\":\"join\",\"room\":\"" + Id + "\",\"user\":\"\"}", Id, TestName = "Join_EmptyUser_InvalidMessage")]
    [TestCase("{\"type\":\"join\",\"room\":\"" + Id + "\",\"user\":7}", Id, TestName = "Join_NumberUser_InvalidMessage")]
    public void Join_Invalid_InvalidMessage(string json, string? room)
    {
        using var hub = new HubHarness();
        var client = hub.Signal();

        client.SendText(json);

        Assert.That(client.SingleErrorCode(), Is.EqualTo("invalid-message"));
        Assert.That(JsonShape.Str(client.Single(), "room"), Is.EqualTo(room));
        Assert.That(hub.RoomCount(Dialect.Session), Is.Zero);
    }

    [Test]
    public void Join_UserOf65Chars_InvalidMessage()
    {
        using var hub = new HubHarness();
        var client = hub.Signal();

        client.Send(new { type = "join", room = Id, user = new string('u', 65) });

        Assert.That(client.SingleErrorCode(), Is.EqualTo("invalid-message"));
    }

    [Test]
    public void Join_UserOf64Chars_Joined()
    {
        using var hub = new HubHarness();
        var client = hub.Signal();

        client.Send(new { type = "join", room = Id, user = new string('u', 64) });

        Assert.That(client.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Session, Id), Has.Count.EqualTo(1));
    }

    [TestCase("{\"type\":\"offer\",\"sdp\":\"v=0\"}", TestName = "Relay_MissingRoom_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"room\":\"{" + Id + "}\",\"sdp\":\"v=0\"}", TestName = "Relay_BracedRoom_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"room\":null,\"sdp\":\"v=0\"}", TestName = "Relay_NullRoom_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"room\":\"" + Id + "\"}", TestName = "Relay_SessionMissingSdp_InvalidMessage")]
    [TestCase("{\"type\":\"answer\",\"room\":\"" + Id + "\",\"sdp\":1}", TestName = "Relay_SessionNumberSdp_InvalidMessage")]
    [TestCase("{\"type\":\"candidate\",\"room\":\"" + Id + "\"}", TestName = "Relay_SessionMissingCandidate_InvalidMessage")]
    [TestCase("{\"type\":\"candidate\",\"room\":\"" + Id + "\",\"candidate\":false}", TestName = "Relay_SessionBooleanCandidate_InvalidMessage")]
    [TestCase("{\"type\":\"offer\",\"room\":\"" + Id + "\",\"sdp\":\"v=0\",\"from\":1}", TestName = "Relay_SessionNumberFrom_InvalidMessage")]
    [TestCase("{\"type\":\"leave\",\"user\":\"caller\"}", TestName = "Leave_MissingRoom_InvalidMessage")]
    [TestCase("{\"type\":\"leave\",\"room\":\"" + Id + "\",\"user\":[]}", TestName = "Leave_ArrayUser_InvalidMessage")]
    [TestCase("{\"type\":\"signal\",\"room\":\"" + Id + "\",\"payload\":1}", TestName = "Relay_NumericType_InvalidMessage")]
    public void Message_InvalidFromParticipant_InvalidMessageAndNothingRelayed(string json)
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");

        caller.SendText(json);

        Assert.That(caller.SingleErrorCode(), Is.EqualTo("invalid-message"));
        Assert.That(callee.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Session, Id), Has.Count.EqualTo(2));
    }
}
