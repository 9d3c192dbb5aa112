using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// The warning for accepts paused at the socket budget, at most once per <see cref="Interval"/>.
/// Near the limit every socket that closes lets one more in, which fills the budget again: a
/// line per pause would flood the log an admin reads (each freed descriptor, one more line).
/// "Accepting again" answers a warning that was written, so the two always come in pairs.
/// </summary>
internal sealed class AcceptPauseLog(ILogger log, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private long? _lastWarning;
    private bool _warned;
    private int _quietPauses;

    /// <summary>Accepts stopped with <paramref name="open"/> sockets open.</summary>
    public void Paused(long open)
    {
        var now = time.GetTimestamp();
        if (_lastWarning is { } last && time.GetElapsedTime(last, now) < Interval)
        {
            _quietPauses++;
            return;
        }

        _lastWarning = now;
        _warned = true;
        log.Warning(
            "Not accepting: {Open} sockets open, all the open-file limit allows; new clients wait in the backlog (pauses not logged since the previous warning: {QuietPauses})",
            open,
            _quietPauses);
        _quietPauses = 0;
    }

    /// <summary>Accepts go on with <paramref name="open"/> sockets open.</summary>
    public void Resumed(long open)
    {
        if (_warned)
        {
            _warned = false;
            log.Information("Accepting again: {Open} sockets open", open);
        }
    }
}
