using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// docs/protocol.md §6.1: a mesh connection's identity is its URL. Missing or invalid parameters still
/// upgrade, then get `invalid-parameters` naming the parameter and a close with 1008, and
/// no room is touched.
/// </summary>
public sealed class MessageMeshUrlTests
{
    [TestCase("roomId=&userId=u&userName=N", "roomId")]
    [TestCase("roomId=r&userName=N", "userId")]
    [TestCase("roomId=r&userId=u", "userName")]
    [TestCase("roomId=r&userId=&userName=N", "userId")]
    [TestCase("roomId=r&userId=u&userName=", "userName")]
    [TestCase("roomId=r&roomId=s&userId=u&userName=N", "roomId")]
    [TestCase("roomId=r&userId=u&userId=v&userName=N", "userId")]
    [TestCase("roomId=" + Long129 + "&userId=u&userName=N", "roomId")]
    [TestCase("roomId=r&userId=" + Long65 + "&userName=N", "userId")]
    [TestCase("roomId=r&userId=u&userName=" + Long65, "userName")]
    public void MeshUrl_MissingOrInvalidParameter_InvalidParametersNamedAnd1008(string query, string parameter)
    {
        using var harness = new HubHarness();

        var peer = harness.Room(query);

        var error = peer.Messages.Single();
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("invalid-parameters"));
        Assert.That(error.GetProperty("parameter").GetString(), Is.EqualTo(parameter));
        Assert.That(peer.Connection.ClosedWith, Is.EqualTo(1008));
        Assert.That(harness.RoomCount(), Is.Zero);
    }

    [TestCase("roomId=%zz&userId=%ED%A0%80&userName=a+b%20c", "%zz")]
    [TestCase("roomId=caf%C3%A9&userId=u&userName=N", "café")]
    public void MeshUrl_OddButDecodableEscapes_Joined(string query, string room)
    {
        using var harness = new HubHarness();

        var peer = harness.Room(query);

        var participants = peer.Messages.Single();
        Assert.That(participants.GetProperty("type").GetString(), Is.EqualTo("participants"));
        Assert.That(participants.GetProperty("roomId").GetString(), Is.EqualTo(room));
    }

    [Test]
    public void MeshUrl_RoomFull_RoomFullAnd1008()
    {
        using var harness = new HubHarness(new DaemonOptions { MaxRoomUsers = 2 });
        harness.Room("roomId=r&userId=a&userName=A");
        harness.Room("roomId=r&userId=b&userName=B");

        var third = harness.Room("roomId=r&userId=c&userName=C");

        Assert.That(third.Messages.Single().GetProperty("code").GetString(), Is.EqualTo("room-full"));
        Assert.That(third.Connection.ClosedWith, Is.EqualTo(1008));
    }

    private const string Long129 = "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr";
    private const string Long65 = "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu";
}
