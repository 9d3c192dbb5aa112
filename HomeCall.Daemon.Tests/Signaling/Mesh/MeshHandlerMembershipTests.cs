using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Mesh;

/// <summary>docs/protocol.md §3.5/§6.1: identity from the URL: replacement, room-full and invalid parameters close the connection.</summary>
public sealed class MeshHandlerMembershipTests
{
    [Test]
    public void Open_DuplicateUserId_OlderReplacedAndRoomSeesLeaveAndJoin()
    {
        using var hub = new HubHarness();
        var ann = hub.Mesh("hall", "u1", "Ann");
        var oldBob = hub.Mesh("hall", "u2", "Bob");
        ann.Clear();
        oldBob.Clear();

        var newBob = hub.Mesh("hall", "u2", "Bobby");

        Assert.That(oldBob.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"replaced\",\"message\":\"Connected from another place\"}"));
        Assert.That(oldBob.ClosedWith, Is.EqualTo(4001));
        Assert.That(ann.Messages.Select(JsonShape.Type), Is.EqualTo(Expect.List("participant-left", "participant-joined")));
        Assert.That(ann.Messages[1].GetProperty("participant").GetProperty("name").GetString(), Is.EqualTo("Bobby"));
        Assert.That(newBob.Single().GetProperty("participants").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void Open_DuplicateOfOnlyParticipant_RoomKeptWithNewer()
    {
        using var hub = new HubHarness();
        var oldAnn = hub.Mesh("hall", "u1", "Ann");

        var newAnn = hub.Mesh("hall", "u1", "Ann");
        oldAnn.Disconnect();

        Assert.That(oldAnn.ClosedWith, Is.EqualTo(4001));
        Assert.That(hub.MembersOf(Dialect.Mesh, "hall"), Is.EqualTo(Expect.List("u1")));
        Assert.That(newAnn.ClosedWith, Is.Null);
    }

    [Test]
    public void Open_FullRoom_RoomFullClosed1008AndNobodyNotified()
    {
        using var hub = new HubHarness(new DaemonOptions { MaxRoomUsers = 2 });
        var ann = hub.Mesh("hall", "u1", "Ann");
        hub.Mesh("hall", "u2", "Bob");
        ann.Clear();

        var cid = hub.Mesh("hall", "u3", "Cid");

        Assert.That(cid.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"room-full\",\"message\":\"Room is full\"}"));
        Assert.That(cid.ClosedWith, Is.EqualTo(1008));
        Assert.That(ann.Sent, Is.Empty);
        Assert.That(hub.MembersOf(Dialect.Mesh, "hall"), Is.EqualTo(Expect.List("u1", "u2")));
    }

    [TestCase("userId=u1&userName=Ann&roomId=", "roomId")]
    [TestCase("roomId=hall&userName=Ann", "userId")]
    [TestCase("roomId=hall&userId=u1", "userName")]
    public void Open_InvalidParameters_ErrorNamingParameterAndClose1008(string query, string parameter)
    {
        using var hub = new HubHarness();

        var client = hub.Room(query);

        Assert.That(client.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"invalid-parameters\",\"message\":\"Invalid parameters\",\"parameter\":\"" + parameter + "\"}"));
        Assert.That(client.ClosedWith, Is.EqualTo(1008));
        Assert.That(hub.RoomCount(Dialect.Mesh), Is.Zero);
    }

    [Test]
    public void Open_UserIdTooLong_InvalidParametersUserId()
    {
        using var hub = new HubHarness();

        var client = hub.Mesh("hall", new string('u', 65), "Ann");

        Assert.That(JsonShape.Str(client.Single(), "parameter"), Is.EqualTo("userId"));
        Assert.That(client.ClosedWith, Is.EqualTo(1008));
    }
}
