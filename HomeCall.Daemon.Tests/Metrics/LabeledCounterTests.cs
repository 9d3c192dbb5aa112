using HomeCall.Daemon.Metrics;

namespace HomeCall.Daemon.Tests.Metrics;

public sealed class LabeledCounterTests
{
    private const int Labels = 200_000;

    [Test]
    public void Snapshot_WhileNewLabelsAreAdded_NeverThrowsAndIsSorted()
    {
        // /metrics snapshots while relays add label values for the first time: a snapshot sized
        // before the copy must not fail when the dictionary grows during it.
        var counter = new LabeledCounter();
        using var done = new ManualResetEventSlim();
        var adder = Task.Run(() =>
        {
            for (var i = 0; i < Labels; i++)
            {
                counter.Increment("label-" + i);
            }

            done.Set();
        });

        do
        {
            var snapshot = counter.Snapshot();
            Assert.That(snapshot.Select(kv => kv.Key), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        }
        while (!done.IsSet);

        adder.GetAwaiter().GetResult();
        Assert.That(counter.Snapshot(), Has.Count.EqualTo(Labels));
    }

    [Test]
    public void Increment_SameLabelTwice_CountsTwo()
    {
        var counter = new LabeledCounter();
        counter.Increment("a");
        counter.Increment("a");

        Assert.That(counter.Get("a"), Is.EqualTo(2));
        Assert.That(counter.Get("b"), Is.Zero);
    }
}
