using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling.Sessions;

/// <summary>The /signal queue (docs/protocol.md §8.2): held in order for the absent participant, delivered first on join, bounded.</summary>
public sealed class SessionHandlerQueueTests
{
    private const string Id = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

    private static string Offer(int n) => "{\"type\":\"offer\",\"room\":\"" + Id + "\",\"sdp\":\"sdp-" + n + "\"}";

    private static string Candidate(int n) => "{\"type\":\"candidate\",\"room\":\"" + Id + "\",\"candidate\":\"c-" + n + "\"}";

    private static string[] Bodies(HubClient client) =>
        client.Messages.Select(m => m.TryGetProperty("sdp", out var s) ? s.GetString()! : m.GetProperty("candidate").GetString()!).ToArray();

    [Test]
    public void Join_AfterOfferAndCandidates_ReceivesThemInOrderBeforeAnythingNewer()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        caller.SendText(Offer(1));
        caller.SendText(Candidate(2));
        caller.SendText(Candidate(3));
        var callee = hub.Signal();

        callee.Send(new { type = "join", room = Id, user = "callee" });
        caller.SendText(Candidate(4));

        Assert.That(caller.Sent, Is.Empty);
        Assert.That(Bodies(callee), Is.EqualTo(Expect.List("sdp-1", "c-2", "c-3", "c-4")));
        Assert.That(callee.Sent[0], Is.EqualTo("{\"type\":\"offer\",\"room\":\"" + Id + "\",\"from\":\"caller\",\"sdp\":\"sdp-1\"}"));
    }

    [Test]
    public void Join_SenderReconnects_DoesNotReceiveItsOwnQueuedMessages()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        caller.SendText(Offer(1));
        caller.Disconnect();

        var again = hub.Signal();
        again.Send(new { type = "join", room = Id, user = "caller" });
        var callee = hub.Signal();
        callee.Send(new { type = "join", room = Id, user = "callee" });

        Assert.That(again.Sent, Is.Empty);
        Assert.That(Bodies(callee), Is.EqualTo(Expect.List("sdp-1")));
    }

    [Test]
    public void Reconnect_AfterDrop_ReceivesWhatWasQueuedInOrder()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");
        callee.Disconnect();
        caller.SendText(Candidate(1));
        caller.SendText(Candidate(2));

        var back = hub.Signal();
        back.Send(new { type = "join", room = Id, user = "callee" });
        caller.SendText(Candidate(3));

        Assert.That(callee.Sent, Is.Empty);
        Assert.That(Bodies(back), Is.EqualTo(Expect.List("c-1", "c-2", "c-3")));
        Assert.That(caller.Sent, Is.Empty, "a disconnect without leave is not announced on /signal");
    }

    [Test]
    public void Relay_PeerConnectionClosing_QueuedForItsReconnect()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");
        callee.Connection.Accepting = false;

        caller.SendText(Offer(1));
        callee.Disconnect();
        var back = hub.Signal();
        back.Send(new { type = "join", room = Id, user = "callee" });

        Assert.That(callee.Sent, Is.Empty);
        Assert.That(Bodies(back), Is.EqualTo(Expect.List("sdp-1")));
    }

    [Test]
    public void Relay_PastMaxQueuedMessages_QueueFullAndNeverDelivered()
    {
        using var hub = new HubHarness(new DaemonOptions { MaxQueuedMessages = 3 });
        var caller = hub.Session(Id, "caller");
        for (var i = 1; i <= 3; i++)
        {
            caller.SendText(Candidate(i));
        }

        caller.SendText(Candidate(4));
        var callee = hub.Signal();
        callee.Send(new { type = "join", room = Id, user = "callee" });

        Assert.That(caller.SingleText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + Id + "\",\"code\":\"queue-full\",\"message\":\"Очередь сообщений заполнена\"}"));
        Assert.That(Bodies(callee), Is.EqualTo(Expect.List("c-1", "c-2", "c-3")));
    }

    [Test]
    public void Relay_PastMaxQueuedBytes_QueueFull()
    {
        var relayBytes = System.Text.Encoding.UTF8.GetByteCount("{\"type\":\"candidate\",\"room\":\"" + Id + "\",\"from\":\"caller\",\"candidate\":\"c-1\"}");
        using var hub = new HubHarness(new DaemonOptions { MaxQueuedBytes = (2 * relayBytes) + 1 });
        var caller = hub.Session(Id, "caller");
        caller.SendText(Candidate(1));
        caller.SendText(Candidate(2));
        Assert.That(caller.Sent, Is.Empty);

        caller.SendText(Candidate(3));

        Assert.That(caller.SingleErrorCode(), Is.EqualTo("queue-full"));
        var callee = hub.Signal();
        callee.Send(new { type = "join", room = Id, user = "callee" });
        Assert.That(Bodies(callee), Is.EqualTo(Expect.List("c-1", "c-2")));
    }

    [Test]
    public void Relay_AfterQueueDelivered_QueueRoomFreedAgain()
    {
        using var hub = new HubHarness(new DaemonOptions { MaxQueuedMessages = 1 });
        var caller = hub.Session(Id, "caller");
        var callee = hub.Session(Id, "callee");
        callee.Disconnect();
        caller.SendText(Candidate(1));
        hub.Session(Id, "callee").Disconnect();

        caller.SendText(Candidate(2));

        Assert.That(caller.Sent, Is.Empty);
    }

    [Test]
    public void Relay_BothWays_EachSideGetsOnlyWhatTheOtherQueued()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        caller.SendText(Offer(1));
        caller.Disconnect();
        var callee = hub.Signal();
        callee.Send(new { type = "join", room = Id, user = "callee" });
        callee.SendText("{\"type\":\"answer\",\"room\":\"" + Id + "\",\"sdp\":\"sdp-2\"}");

        var back = hub.Signal();
        back.Send(new { type = "join", room = Id, user = "caller" });

        Assert.That(Bodies(callee), Is.EqualTo(Expect.List("sdp-1")));
        Assert.That(back.SingleText(), Is.EqualTo("{\"type\":\"answer\",\"room\":\"" + Id + "\",\"from\":\"callee\",\"sdp\":\"sdp-2\"}"));
    }

    [Test]
    public void Leave_WithQueuedMessages_QueueDropped()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        caller.SendText(Offer(1));

        caller.Send(new { type = "leave", room = Id, user = "caller" });

        Assert.That(hub.RoomCount(Dialect.Session), Is.Zero);
        var callee = hub.Signal();
        callee.Send(new { type = "join", room = Id, user = "callee" });
        Assert.That(callee.SingleErrorCode(), Is.EqualTo("session-ended"));
    }
}
