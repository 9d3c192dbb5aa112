using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Tests.Stats;

public sealed class LatencyHistogramTests
{
    [Test]
    public void Quantile_UniformMicroseconds_WithinBucketPrecision()
    {
        var h = new LatencyHistogram();
        for (var us = 1; us <= 10_000; us++)
        {
            h.Record(us * 1000L);
        }

        Assert.Multiple(() =>
        {
            Assert.That(h.Quantile(0.50), Is.EqualTo(5_000_000).Within(1.6).Percent);
            Assert.That(h.Quantile(0.99), Is.EqualTo(9_900_000).Within(1.6).Percent);
            Assert.That(h.Quantile(0.999), Is.EqualTo(9_990_000).Within(1.6).Percent);
            Assert.That(h.Max, Is.EqualTo(10_000_000));
            Assert.That(h.Count, Is.EqualTo(10_000));
        });
    }

    [Test]
    public void Quantile_SmallValues_Exact()
    {
        var h = new LatencyHistogram();
        foreach (var v in new long[] { 5, 7, 9, 100 })
        {
            h.Record(v);
        }

        Assert.That(new[] { h.Quantile(0.25), h.Quantile(0.5), h.Quantile(1) }, Is.EqualTo(new long[] { 5, 7, 100 }));
    }

    [Test]
    public void Quantile_Empty_Zero() => Assert.That(new LatencyHistogram().Quantile(0.99), Is.Zero);

    [Test]
    public void Quantile_HugeValue_NeverAboveMax()
    {
        var h = new LatencyHistogram();
        h.Record(long.MaxValue / 2);
        Assert.That(h.Quantile(0.5), Is.EqualTo(long.MaxValue / 2));
    }

    [Test]
    public void Add_TwoHistograms_MergesCountsAndMax()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(1_000);
        b.Record(3_000);
        b.Record(2_000);
        a.Add(b);
        Assert.That((a.Count, a.Max), Is.EqualTo((3L, 3_000L)));
        Assert.That(a.Quantile(0.3), Is.EqualTo(1_000).Within(1.6).Percent, "a's own value is the lowest");
        Assert.That(a.Quantile(0.5), Is.EqualTo(2_000).Within(1.6).Percent, "b's values are counted, not only its count");
        Assert.That(a.Quantile(1), Is.EqualTo(3_000));
        Assert.That(b.Count, Is.EqualTo(2), "the merged-in histogram is left as it was");
    }
}
