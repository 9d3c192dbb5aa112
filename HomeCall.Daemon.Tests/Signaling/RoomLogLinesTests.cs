using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>
/// Room lines are written after the registry lock is released: a log write that stalls (a slow
/// console) must not hold up another connection's join or leave.
/// </summary>
public sealed class RoomLogLinesTests
{
    // Bounded waits for other threads: generous for a loaded 2-core machine; they end as soon as the condition holds.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    [Test]
    public void Create_SinkStallsOnJoinedLine_RegistryLockStaysFree()
    {
        using var stalled = new GatedSink(e => IsLine(e, "Joined room="));
        using var hub = new HubHarness(alsoLogTo: stalled);
        var creator = hub.Room();

        var create = Task.Run(() => creator.Send(new { type = "create" }));

        AssertLockFreeWhileStalled(hub, stalled);
        Assert.That(create.Wait(Generous), Is.True);
        Assert.That(creator.Last.GetProperty("type").GetString(), Is.EqualTo("room_created"));
    }

    [Test]
    public void Disconnected_SinkStallsOnLeftLine_RegistryLockStaysFree()
    {
        using var stalled = new GatedSink(e => IsLine(e, "Left room="));
        using var hub = new HubHarness(alsoLogTo: stalled);
        var creator = hub.NumericCreator(out _);

        var close = Task.Run(creator.Disconnect);

        AssertLockFreeWhileStalled(hub, stalled);
        Assert.That(close.Wait(Generous), Is.True);
    }

    [Test]
    public void Join_MovingToAnotherRoom_LeftThenJoinedWithCountsOfTheMoment()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("first", "alice");

        alice.Send(new { type = "join", room = "second", user = "alice" });

        var lines = hub.Logs.Events.Where(e => e.Properties["ConnectionId"].ToString() == "\"c1\"").Select(e => e.RenderMessage()).ToArray();
        var first = TestFingerprints.Of(Dialect.Homecall, "first");
        var second = TestFingerprints.Of(Dialect.Homecall, "second");
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"Joined room=\"{first}\" (1/16)",
            $"Left room=\"{first}\" (0/16)",
            $"Joined room=\"{second}\" (1/16)",
        }));
    }

    [Test]
    public void Add_MoreThanCapacity_Throws()
    {
        var lines = new RoomLogLines();
        for (var i = 0; i < RoomLogLines.Capacity; i++)
        {
            lines.Add(new RoomLogLine(RoomLogKind.Ended, "ab12cd34", 0, 0, 0));
        }

        var fourth = new RoomLogLine(RoomLogKind.Ended, "ab12cd34", 0, 0, 0);
        var thrown = false;
        try
        {
            lines.Add(fourth);
        }
        catch (InvalidOperationException)
        {
            thrown = true;
        }

        Assert.That(thrown, Is.True); // A ref struct cannot be captured by Assert.Throws' lambda.
    }

    private static bool IsLine(LogEvent e, string start) => e.MessageTemplate.Text.StartsWith(start, StringComparison.Ordinal);

    private static void AssertLockFreeWhileStalled(HubHarness hub, GatedSink stalled)
    {
        try
        {
            Assert.That(stalled.WaitUntilHolding(Generous), Is.True, "the line reached the stalled sink");
            var other = Task.Run(() =>
            {
                using var rooms = hub.Hub.Registry.Lock();
                return rooms.Count;
            });
            Assert.That(other.Wait(Generous), Is.True, "another thread took the registry lock while the line was being written");
        }
        finally
        {
            stalled.Open();
        }
    }
}
