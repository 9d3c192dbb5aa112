using System.Net.Sockets;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// The HANDSHAKE_TIMEOUT_MS deadline of every socket whose request head is being read
/// (docs/protocol.md §2.2 row 2), kept with one timer for all of them instead of a timer and
/// cancellation sources per socket: the sockets are listed in the order they began, and the one
/// timer is armed for the earliest deadline. When it fires, the pending read of every socket past
/// its deadline is ended, and the timer is armed for the next one. A head read in
/// time only unlinks its entry; the timer is left as it is (a stale firing finds nothing due),
/// so under load it is armed about once per timeout, and never while the daemon is idle.
/// </summary>
internal sealed class HandshakeDeadlines(TimeProvider time)
{
    /// <summary>The shortest re-arming: a timer that fires a little before a deadline must not spin until it passes.</summary>
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly Lock _gate = new();
    private ITimer? _timer;
    private PendingHandshake? _first;
    private PendingHandshake? _last;
    private long _armedFor = long.MaxValue;
    private int _watchingStop;
    private bool _stopped;

    /// <summary>Sockets whose head is being read.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Starts the deadline of <paramref name="socket"/>. <paramref name="stopping"/> is the daemon's
    /// one stop token (the same for every socket): once it fires, the read of every pending socket is ended, and so is any later one.
    /// </summary>
    public PendingHandshake Begin(Socket socket, TimeSpan timeout, CancellationToken stopping)
    {
        WatchStop(stopping);
        var now = time.GetTimestamp();
        var entry = new PendingHandshake(socket, now + (long)(timeout.TotalSeconds * time.TimestampFrequency));
        lock (_gate)
        {
            if (!_stopped)
            {
                Link(entry);
                if (entry.DeadlineTimestamp < _armedFor)
                {
                    ArmLocked(entry.DeadlineTimestamp, now);
                }

                return entry;
            }

            entry.State = HandshakeState.Stopped;
        }

        EndRead(socket);
        return entry;
    }

    /// <summary>The read of its head ended; false when the deadline or the stop came first (the caller closes the socket).</summary>
    public bool End(PendingHandshake entry)
    {
        lock (_gate)
        {
            if (entry.State != HandshakeState.Reading)
            {
                return false;
            }

            Unlink(entry);
            entry.State = HandshakeState.Ended;
            return true;
        }
    }

    /// <summary>Ends the read of every socket still reading its head; later ones are ended as they begin.</summary>
    public void Stop()
    {
        List<Socket> closing = [];
        lock (_gate)
        {
            _stopped = true;
            while (_first is { } entry)
            {
                Unlink(entry);
                entry.State = HandshakeState.Stopped;
                closing.Add(entry.Socket);
            }
        }

        closing.ForEach(EndRead);
    }

    private void Sweep()
    {
        List<Socket>? closing = null;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var next = long.MaxValue;
            for (var entry = _first; entry is not null;)
            {
                var following = entry.Next;
                if (entry.DeadlineTimestamp <= now)
                {
                    Unlink(entry);
                    entry.State = HandshakeState.TimedOut;
                    (closing ??= []).Add(entry.Socket);
                }
                else
                {
                    next = Math.Min(next, entry.DeadlineTimestamp);
                }

                entry = following;
            }

            _armedFor = long.MaxValue;
            if (next != long.MaxValue)
            {
                ArmLocked(next, now);
            }
        }

        closing?.ForEach(EndRead);
    }

    /// <summary>
    /// Ends the pending read with end-of-stream (shutdown of the receive side sends nothing to the
    /// peer); the handler finds the entry timed out or stopped, logs it and closes the socket, so
    /// the log line is written before the client sees the close. A socket the peer already reset
    /// cannot be shut down: it is closed at once.
    /// </summary>
    private static void EndRead(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Receive);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            socket.Dispose();
        }
    }

    private void ArmLocked(long deadline, long now)
    {
        _armedFor = deadline;
        var wait = TimeSpan.FromSeconds((double)(deadline - now) / time.TimestampFrequency);
        wait = wait < MinimumWait ? MinimumWait : wait;
        _timer ??= time.CreateTimer(static s => ((HandshakeDeadlines)s!).Sweep(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void WatchStop(CancellationToken stopping)
    {
        if (stopping.CanBeCanceled && Volatile.Read(ref _watchingStop) == 0 && Interlocked.Exchange(ref _watchingStop, 1) == 0)
        {
            // Once per daemon, not per socket: registrations on the shared token would contend.
            stopping.UnsafeRegister(static s => ((HandshakeDeadlines)s!).Stop(), this);
        }
    }

    private void Link(PendingHandshake entry)
    {
        entry.Previous = _last;
        if (_last is null)
        {
            _first = entry;
        }
        else
        {
            _last.Next = entry;
        }

        _last = entry;
        Count++;
    }

    private void Unlink(PendingHandshake entry)
    {
        if (entry.Previous is null)
        {
            _first = entry.Next;
        }
        else
        {
            entry.Previous.Next = entry.Next;
        }

        if (entry.Next is null)
        {
            _last = entry.Previous;
        }
        else
        {
            entry.Next.Previous = entry.Previous;
        }

        entry.Previous = entry.Next = null;
        Count--;
    }
}
