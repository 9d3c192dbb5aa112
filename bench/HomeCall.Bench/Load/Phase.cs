namespace HomeCall.Bench.Load;

/// <summary>Where a timed run is: results count only while <see cref="Measuring"/>.</summary>
internal enum Phase
{
    Warmup,
    Measuring,
    Stopping,
}
