using System.Text;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Rooms;

/// <summary>docs/protocol.md §8.2: messages held in order for the absent participant, bounded by count and bytes.</summary>
public sealed class SessionQueueTests
{
    private static QueuedMessage From(string sender, string text) => new(sender, Encoding.UTF8.GetBytes(text));

    private static string[] Texts(IEnumerable<QueuedMessage> items) => items.Select(m => Encoding.UTF8.GetString(m.Data.Span)).ToArray();

    [Test]
    public void TakeFor_Recipient_OthersMessagesInOrderAndRemoved()
    {
        var queue = new SessionQueue(10, 1000);
        queue.TryAdd(From("a", "1"));
        queue.TryAdd(From("b", "x"));
        queue.TryAdd(From("a", "2"));

        var taken = queue.TakeFor("b");

        Assert.That(Texts(taken), Is.EqualTo(Expect.List("1", "2")));
        Assert.That(queue.Count, Is.EqualTo(1));
        Assert.That(queue.Bytes, Is.EqualTo(1));
        Assert.That(Texts(queue.TakeFor("a")), Is.EqualTo(Expect.List("x")));
        Assert.That(queue.Bytes, Is.Zero);
    }

    [Test]
    public void TakeFor_Sender_NothingOfItsOwn()
    {
        var queue = new SessionQueue(10, 1000);
        queue.TryAdd(From("a", "1"));

        Assert.That(queue.TakeFor("a"), Is.Empty);
        Assert.That(queue.Count, Is.EqualTo(1));
    }

    [Test]
    public void TryAdd_AtMaxMessages_Refused()
    {
        var queue = new SessionQueue(2, 1000);

        Assert.That(queue.TryAdd(From("a", "1")), Is.True);
        Assert.That(queue.TryAdd(From("a", "2")), Is.True);
        Assert.That(queue.TryAdd(From("a", "3")), Is.False);
        Assert.That(queue.Count, Is.EqualTo(2));
    }

    [Test]
    public void TryAdd_ExactlyMaxBytes_AcceptedAndOneMoreRefused()
    {
        var queue = new SessionQueue(10, 6);

        Assert.That(queue.TryAdd(From("a", "123")), Is.True);
        Assert.That(queue.TryAdd(From("a", "456")), Is.True);
        Assert.That(queue.TryAdd(From("a", "7")), Is.False);
        Assert.That(queue.Bytes, Is.EqualTo(6));
    }

    [Test]
    public void TryAdd_AfterTake_RoomAgain()
    {
        var queue = new SessionQueue(1, 1000);
        queue.TryAdd(From("a", "1"));
        queue.TakeFor("b");

        Assert.That(queue.TryAdd(From("a", "2")), Is.True);
    }
}
