using System.Text;
using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// One message sent along a <see cref="RelayPath"/> on a fresh <see cref="HubHarness"/>, from a
/// sender joined as <c>senderId</c> to a receiver joined as <c>targetId</c>: what each of them got.
/// </summary>
internal sealed record RelayRun(string StampName, string StampValue, IReadOnlyList<string> ReceiverGot, IReadOnlyList<string> SenderGot)
{
    /// <summary>The /signal session every path of that dialect uses.</summary>
    public const string SessionId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    private static readonly DaemonOptions Unthrottled = new() { RateLimitBurst = 1_000_000, RateLimitPerSecond = 1_000_000 };

    /// <summary>The one message the receiver got, as bytes; fails when it got none or several.</summary>
    public byte[] Relay
    {
        get
        {
            Assert.That(ReceiverGot, Has.Count.EqualTo(1), "the receiver got exactly the relay; the sender got: " + string.Join(" | ", SenderGot));
            return Encoding.UTF8.GetBytes(ReceiverGot[0]);
        }
    }

    public static RelayRun Send(RelayPath path, string senderId, string targetId, byte[] message)
    {
        using var hub = new HubHarness(Unthrottled);
        return path switch
        {
            RelayPath.Homecall => Directed(hub.Homecall("garden", senderId), hub.Homecall("garden", targetId), "from", senderId, message),
            RelayPath.Session => Directed(hub.Session(SessionId, senderId), hub.Session(SessionId, targetId), "from", senderId, message),
            RelayPath.SessionQueued => Queued(hub, senderId, targetId, message),
            RelayPath.Mesh => Directed(Joined(hub.Mesh("team", senderId, "S")), Joined(hub.Mesh("team", targetId, "T")), "fromUserId", senderId, message),
            _ => Numeric(hub, message),
        };
    }

    private static HubClient Joined(HubClient client)
    {
        client.Clear();
        return client;
    }

    private static RelayRun Directed(HubClient sender, HubClient receiver, string stampName, string stampValue, byte[] message)
    {
        sender.Clear();
        receiver.Clear();
        sender.SendBytes(message);
        return new RelayRun(stampName, stampValue, receiver.Sent, sender.Sent);
    }

    private static RelayRun Queued(HubHarness hub, string senderId, string targetId, byte[] message)
    {
        var sender = hub.Session(SessionId, senderId);
        sender.SendBytes(message);
        var receiver = hub.Signal();
        receiver.Send(new { type = "join", room = SessionId, user = targetId });
        return new RelayRun("from", senderId, receiver.Sent, sender.Sent);
    }

    /// <summary>The joiner sends; its `myId` is what the creator sees as `senderId`.</summary>
    private static RelayRun Numeric(HubHarness hub, byte[] message)
    {
        var creator = hub.NumericCreator(out var roomId);
        var joiner = hub.Room();
        joiner.Send(new { type = "join", roomId });
        var myId = joiner.Last.GetProperty("myId").GetString()!;
        return Directed(joiner, creator, "senderId", myId, message);
    }
}
