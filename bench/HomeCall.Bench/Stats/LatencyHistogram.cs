using System.Numerics;

namespace HomeCall.Bench.Stats;

/// <summary>
/// A log-linear histogram of nanosecond latencies (HdrHistogram's idea in 40 lines): exact
/// below 128 ns, then 64 sub-buckets per power of two, so any percentile is within 1/64
/// (1.6 %) of the truth. One per receiving connection (no sharing), merged at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBits = 6;
    private const int SubCount = 1 << SubBits;
    private const int Linear = 2 * SubCount;
    private const int MaxShift = 40;

    private readonly long[] _counts = new long[Linear + (MaxShift * SubCount)];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public void Record(long nanoseconds)
    {
        var v = Math.Max(0, nanoseconds);
        _counts[Index(v)]++;
        Count++;
        Max = Math.Max(Max, v);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value at quantile q (0–1) in nanoseconds, as the upper edge of its bucket (never above the maximum).</summary>
    public long Quantile(double q)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(q * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(1, rank))
            {
                // The last bucket also holds everything past the range (over 2^46 ns): only Max is honest there.
                return i == _counts.Length - 1 ? Max : Math.Min(Max, UpperEdge(i));
            }
        }

        return Max;
    }

    private static int Index(long v)
    {
        if (v < Linear)
        {
            return (int)v;
        }

        var shift = Math.Min(MaxShift, 63 - BitOperations.LeadingZeroCount((ulong)v) - SubBits);
        var sub = (int)Math.Min(SubCount - 1, (v >> shift) - SubCount);
        return Linear + ((shift - 1) * SubCount) + sub;
    }

    private static long UpperEdge(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var shift = ((index - Linear) / SubCount) + 1;
        var sub = ((index - Linear) % SubCount) + SubCount;
        return ((long)(sub + 1) << shift) - 1;
    }
}
