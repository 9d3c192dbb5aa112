namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Per-connection token bucket (RATE_LIMIT_PER_SEC, RATE_LIMIT_BURST). A message over
/// the limit is dropped; a connection that stays over it for <see cref="ExcessTolerance"/>
/// is to be closed with 1008 (docs/protocol.md §3.6).
/// </summary>
/// <remarks>
/// "Keeps exceeding" is judged on the bucket, not on single messages: an excess period
/// starts with the first dropped message and ends only once the bucket has refilled by a
/// second's worth of tokens (the client got back under the limit). Refilling one token
/// is not enough, or a client sending at twice the limit (every other message dropped)
/// would never be closed.
/// A struct kept inside the connection's <see cref="ClientState"/>: no object of its own per connection.
/// </remarks>
internal struct RateLimiter
{
    public static readonly TimeSpan ExcessTolerance = TimeSpan.FromSeconds(10);

    private readonly int _perSecond;
    private readonly int _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;
    private long _excessSince = -1;

    public RateLimiter(int perSecond, int burst, TimeProvider time)
    {
        _perSecond = perSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>The tokens back in the bucket that end an excess period: a second's worth (at most the burst, at least one).</summary>
    private readonly double Recovered => Math.Max(1, Math.Min(_burst, _perSecond));

    public RateDecision Take()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _perSecond));
        _last = now;
        if (_tokens >= 1)
        {
            if (_tokens >= Recovered)
            {
                _excessSince = -1;
            }

            _tokens -= 1;
            return RateDecision.Allowed;
        }

        if (_excessSince < 0)
        {
            _excessSince = now;
        }

        return _time.GetElapsedTime(_excessSince, now) >= ExcessTolerance ? RateDecision.Disconnect : RateDecision.Limited;
    }
}
