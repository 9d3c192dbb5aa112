namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Per-connection token bucket (RATE_LIMIT_PER_SEC, RATE_LIMIT_BURST). A message over
/// the limit is dropped; a connection that stays over it for <see cref="ExcessTolerance"/>
/// is to be closed with 1008 (spec §2).
/// </summary>
internal sealed class RateLimiter(int perSecond, int burst, TimeProvider time)
{
    public static readonly TimeSpan ExcessTolerance = TimeSpan.FromSeconds(10);

    private double _tokens = burst;
    private long _last = time.GetTimestamp();
    private long _excessSince = -1;

    public RateDecision Take()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
        _last = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            _excessSince = -1;
            return RateDecision.Allowed;
        }

        if (_excessSince < 0)
        {
            _excessSince = now;
        }

        return time.GetElapsedTime(_excessSince, now) >= ExcessTolerance ? RateDecision.Disconnect : RateDecision.Limited;
    }
}
