using System.Net;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// The one owner of every accepted socket's life, from accept to its end, and the one count of
/// each: sockets held (the descriptor budget, and what shutdown waits for), handshakes in
/// progress (MAX_PENDING_HANDSHAKES), WebSocket slots in total and per client IP
/// (MAX_CONNECTIONS, MAX_CONNECTIONS_PER_IP), and the open connections shutdown must close
/// (docs/protocol.md §3.5). A socket moves through it as:
/// <see cref="TryAdmit"/> → (<see cref="TryUpgrade"/> → <see cref="Opened"/> → <see cref="Closed"/>,
/// or <see cref="TryUpgrade"/> → <see cref="UpgradeFailed"/>, or <see cref="HandshakeEnded"/>).
/// </summary>
internal sealed class ConnectionLedger(int maxConnections, int maxConnectionsPerIp, int maxPendingHandshakes)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _slotsPerIp = [];
    private readonly HashSet<WebSocketConnection> _open = [];
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sockets;
    private int _handshaking;
    private int _slots;
    private bool _stopping;
    private int _maxConnections = maxConnections;
    private int _maxConnectionsPerIp = maxConnectionsPerIp;

    /// <summary>Accepted sockets not yet done with, whatever their phase.</summary>
    public int Sockets
    {
        get
        {
            lock (_gate)
            {
                return _sockets;
            }
        }
    }

    /// <summary>WebSocket connections holding a slot: upgrading (101 on its way) or open.</summary>
    public int Connections
    {
        get
        {
            lock (_gate)
            {
                return _slots;
            }
        }
    }

    /// <summary>Completes once shutdown began and no socket is left.</summary>
    public Task Drained => _drained.Task;

    /// <summary>A socket was accepted: it may start its handshake, or must be dropped (too many pending).</summary>
    public bool TryAdmit()
    {
        lock (_gate)
        {
            if (_handshaking >= maxPendingHandshakes)
            {
                return false;
            }

            _handshaking++;
            _sockets++;
            return true;
        }
    }

    /// <summary>
    /// The handshake asks to upgrade: takes a connection slot (the handshake then no longer
    /// counts as pending), or returns why not (the socket is then answered 503 and ends with
    /// <see cref="HandshakeEnded"/>).
    /// </summary>
    public string? TryUpgrade(IPAddress ip)
    {
        lock (_gate)
        {
            if (_slots >= _maxConnections)
            {
                return "connection-limit";
            }

            _slotsPerIp.TryGetValue(ip, out var n);
            if (n >= _maxConnectionsPerIp)
            {
                return "per-ip-limit";
            }

            _slotsPerIp[ip] = n + 1;
            _slots++;
            _handshaking--;
            return null;
        }
    }

    /// <summary>A reload's limits: open connections over a lowered limit stay; new ones wait until the count is under it.</summary>
    public void SetLimits(int maxConnections, int maxConnectionsPerIp)
    {
        lock (_gate)
        {
            _maxConnections = maxConnections;
            _maxConnectionsPerIp = maxConnectionsPerIp;
        }
    }

    /// <summary>The socket ended without an upgrade (HTTP answered, refused, timed out, left).</summary>
    public void HandshakeEnded()
    {
        lock (_gate)
        {
            _handshaking--;
            SocketEndedLocked();
        }
    }

    /// <summary>The upgrade took a slot but the connection never opened (the client left during the 101).</summary>
    public void UpgradeFailed(IPAddress ip)
    {
        lock (_gate)
        {
            ReleaseSlotLocked(ip);
            SocketEndedLocked();
        }
    }

    /// <summary>
    /// The connection runs; false when shutdown already began (it opened after shutdown's
    /// snapshot of open connections), so the caller closes it for shutdown at once.
    /// </summary>
    public bool Opened(WebSocketConnection connection)
    {
        lock (_gate)
        {
            _open.Add(connection);
            return !_stopping;
        }
    }

    /// <summary>The connection ended and its socket is done with.</summary>
    public void Closed(WebSocketConnection connection)
    {
        lock (_gate)
        {
            _open.Remove(connection);
            ReleaseSlotLocked(connection.RemoteIp);
            SocketEndedLocked();
        }
    }

    /// <summary>Marks shutdown and returns the connections open now: later ones are refused by <see cref="Opened"/>.</summary>
    public WebSocketConnection[] BeginShutdown()
    {
        lock (_gate)
        {
            _stopping = true;
            if (_sockets == 0)
            {
                _drained.TrySetResult();
            }

            return [.. _open];
        }
    }

    /// <summary>The connections open now (shutdown grace over: they are aborted).</summary>
    public WebSocketConnection[] OpenConnections()
    {
        lock (_gate)
        {
            return [.. _open];
        }
    }

    /// <summary>Replaces <paramref name="into"/>'s contents with the connections open now (the keep-alive sweep reuses one list).</summary>
    public void CopyOpen(List<WebSocketConnection> into)
    {
        into.Clear();
        lock (_gate)
        {
            into.AddRange(_open);
        }
    }

    private void ReleaseSlotLocked(IPAddress ip)
    {
        _slots--;
        if (_slotsPerIp.TryGetValue(ip, out var n) && n > 1)
        {
            _slotsPerIp[ip] = n - 1;
        }
        else
        {
            _slotsPerIp.Remove(ip);
        }
    }

    private void SocketEndedLocked()
    {
        if (--_sockets == 0 && _stopping)
        {
            _drained.TrySetResult();
        }
    }
}
