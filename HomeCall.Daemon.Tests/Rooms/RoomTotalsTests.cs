using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Rooms;

/// <summary>The registry's running totals (what /health and /metrics read) equal the sums over its rooms, whatever happened.</summary>
public sealed class RoomTotalsTests
{
    [Test]
    public void Totals_MembersAndQueuesThroughAddRemoveAndForget_EqualTheSums()
    {
        var registry = new RoomRegistry();
        var now = DateTimeOffset.UnixEpoch;
        var fingerprints = TestFingerprints.Fingerprinter;
        using (var rooms = registry.Lock())
        {
            var session = new SessionRoom("s", fingerprints, now, new SessionQueue(10, 1000));
            session.AddMember("a", null, now, null); // Before the registry takes it in.
            session.Queue.TryAdd(new QueuedMessage("a", new byte[7]));
            rooms.Add(session);
            var room = new Room(Dialect.Homecall, "h", fingerprints, now);
            rooms.Add(room);
            var b = room.AddMember("b", null, now, null);
            room.AddMember("c", null, now, null);
            session.Queue.TryAdd(new QueuedMessage("a", new byte[5]));
            AssertSums(rooms, members: 3, messages: 2, bytes: 12);

            room.RemoveMember(b);
            Assert.That(room.RemoveMember(b), Is.False, "removing twice counts once");
            session.Queue.TakeFor("b");
            AssertSums(rooms, members: 2, messages: 0, bytes: 0);

            session.Queue.TryAdd(new QueuedMessage("a", new byte[3]));
            rooms.Remove(session);
            room.ClearMembers();
            AssertSums(rooms, members: 0, messages: 0, bytes: 0);

            session.AddMember("d", null, now, null); // Out of the registry: not counted.
            AssertSums(rooms, members: 0, messages: 0, bytes: 0);
        }
    }

    private static void AssertSums(RoomLock rooms, int members, int messages, int bytes)
    {
        var all = rooms.All.ToArray();
        Assert.That(all.Sum(r => r.Members.Count), Is.EqualTo(members));
        Assert.That(rooms.Totals.Members, Is.EqualTo(members));
        Assert.That(rooms.Totals.QueuedMessages, Is.EqualTo(messages).And.EqualTo(all.OfType<SessionRoom>().Sum(r => r.Queue.Count)));
        Assert.That(rooms.Totals.QueuedBytes, Is.EqualTo(bytes).And.EqualTo(all.OfType<SessionRoom>().Sum(r => r.Queue.Bytes)));
    }
}
