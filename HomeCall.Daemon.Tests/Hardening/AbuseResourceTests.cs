using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Bounded resources a client can fill on purpose (fake clock): a /signal session's queue
/// (MAX_QUEUED_MESSAGES, MAX_QUEUED_BYTES: `queue-full`, docs/protocol.md §8.2) and the 9000 numeric ids
/// (`no-free-rooms` until idle rooms expire, docs/protocol.md §7.1, §7.2). docs/security.md discusses what
/// these bounds do not cover.
/// </summary>
public sealed class AbuseResourceTests
{
    private const string Session = "5b0c2a9e-1d3f-4e6a-8b7c-9d0e1f2a3b4c";

    [Test]
    public void SessionQueue_PastMaxQueuedMessages_QueueFull()
    {
        using var harness = new HubHarness();
        var caller = Joined(harness);

        var answers = Enumerable.Range(0, harness.Options.MaxQueuedMessages + 1)
            .Select(i => caller.Exchange($$"""{"type":"candidate","room":"{{Session}}","candidate":"c{{i}}"}"""))
            .ToArray();

        Assert.That(answers.Take(harness.Options.MaxQueuedMessages), Is.All.Empty, "queued silently");
        Assert.That(answers[^1].Single().GetProperty("code").GetString(), Is.EqualTo("queue-full"));
        Assert.That(answers[^1].Single().GetProperty("room").GetString(), Is.EqualTo(Session));
    }

    [Test]
    public void SessionQueue_PastMaxQueuedBytes_QueueFullAndNothingPastTheBoundHeld()
    {
        using var harness = new HubHarness();
        var caller = Joined(harness);
        var sdp = new string('s', 60_000);

        var codes = Enumerable.Range(0, 6)
            .Select(_ => caller.Exchange($$"""{"type":"offer","room":"{{Session}}","sdp":"{{sdp}}"}""").SingleOrDefault())
            .Select(m => m.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "queued" : m.GetProperty("code").GetString())
            .ToArray();

        Assert.That(codes, Is.EqualTo(new[] { "queued", "queued", "queued", "queued", "queue-full", "queue-full" }));
        using (var rooms = harness.Hub.Registry.Lock())
        {
            Assert.That(rooms.FindSession(Session)!.Queue.Bytes, Is.LessThanOrEqualTo(harness.Options.MaxQueuedBytes));
        }
    }

    [Test]
    public void CreateFlood_AllNineThousandIdsTaken_NoFreeRoomsUntilIdleRoomsExpire()
    {
        using var harness = new HubHarness();
        var flooder = harness.Room();
        for (var i = 0; i < 9000; i++)
        {
            flooder.SendText("""{"type":"create"}""");
            harness.Time.Advance(TimeSpan.FromMilliseconds(20)); // 50/s: the rate limit does not stop it.
        }

        var victim = harness.Room();
        Assert.That(victim.Exchange("""{"type":"create"}""").Single().GetProperty("code").GetString(), Is.EqualTo("no-free-rooms"));

        harness.Time.Advance(harness.Options.RoomTimeout);
        Assert.That(victim.Exchange("""{"type":"create"}""").Single().GetProperty("type").GetString(), Is.EqualTo("room_created"));
    }

    private static HubClient Joined(HubHarness harness)
    {
        var caller = harness.Signal();
        Assert.That(caller.Exchange($$"""{"type":"join","room":"{{Session}}","user":"caller"}"""), Is.Empty);
        return caller;
    }
}
