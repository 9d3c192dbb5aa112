using HomeCall.Daemon.Http;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Http;

/// <summary>The counts behind /health and /metrics cost the same however many rooms there are (docs/security.md "Large registry").</summary>
public sealed class RegistrySnapshotTests
{
    private const int Rooms = 100_000;

    /// <summary>A few dictionaries and records; walking 100,000 rooms would copy at least 800 KB of references.</summary>
    private const long CountsAllocationBound = 8 * 1024;

    [Test]
    public void Take_CountsOfAHundredThousandRooms_ConstantCostAndRightSums()
    {
        var registry = Fill(Rooms);
        RegistrySnapshot.Take(registry, withDetails: false); // Warm-up: first-call allocations are not the point.

        var before = GC.GetAllocatedBytesForCurrentThread();
        var snapshot = RegistrySnapshot.Take(registry, withDetails: false);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.LessThan(CountsAllocationBound), "bytes allocated for the counts of " + Rooms + " rooms");
        Assert.That(snapshot.Rooms, Is.EqualTo(Rooms));
        Assert.That(snapshot.RoomsByDialect[Dialect.Session], Is.EqualTo(Rooms));
        Assert.That(snapshot.Members, Is.EqualTo(Rooms));
        Assert.That(snapshot.QueuedMessages, Is.EqualTo(Rooms));
        Assert.That(snapshot.QueuedBytes, Is.EqualTo(Rooms * 3));
        Assert.That(snapshot.Details, Is.Empty);
    }

    [Test]
    public void Take_WithDetails_EveryRoomInBatches()
    {
        var rooms = (2 * RegistrySnapshot.DetailBatch) + 5;
        var registry = Fill(rooms);

        var snapshot = RegistrySnapshot.Take(registry, withDetails: true);

        Assert.That(snapshot.Details, Has.Count.EqualTo(rooms));
        Assert.That(snapshot.Details.Select(d => d.RoomId), Is.Unique);
        Assert.That(snapshot.Details.Select(d => d.Participants.Count), Is.All.EqualTo(1));
    }

    private static RoomRegistry Fill(int count)
    {
        var registry = new RoomRegistry();
        var now = DateTimeOffset.UnixEpoch;
        using (var rooms = registry.Lock())
        {
            for (var i = 0; i < count; i++)
            {
                var session = new SessionRoom($"00000000-0000-4000-8000-{i:D12}", TestFingerprints.Fingerprinter, now, new SessionQueue(4, 100));
                session.AddMember("u", null, now, null);
                session.Queue.TryAdd(new QueuedMessage("u", new byte[3]));
                rooms.Add(session);
            }
        }

        return registry;
    }
}
