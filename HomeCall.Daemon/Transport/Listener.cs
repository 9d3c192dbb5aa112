using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Metrics;
using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Accepts sockets on WS_HOST:WS_PORT, bounds pending handshakes, and hands each
/// socket to <see cref="UpgradeHandler"/>. Knows every open connection so that
/// shutdown can close them all (docs/protocol.md §3.5).
/// </summary>
internal sealed class Listener : IDisposable
{
    private const int Backlog = 1024;

    /// <summary>Pause after a failed accept (out of descriptors): long enough to stop a busy loop, short enough to be unnoticeable.</summary>
    private static readonly TimeSpan AcceptBackoff = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;

    private readonly DaemonOptions _options;
    private readonly UpgradeHandler _upgrades;
    private readonly DaemonMetrics _metrics;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<long, WebSocketConnection> _open = new();
    // Counted rather than kept in a set: a per-connection task entry and continuation cost idle memory.
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action _handshakeDone;
    private readonly Action _ended;
    private int _active;
    private Socket? _socket;
    private int _pendingHandshakes;
    private int _acceptFailures;
    private readonly long _maxSockets;
    private readonly AcceptPauseLog _pauseLog;
    private bool _atLimit;
    private int _stopping;

    public Listener(DaemonOptions options, UpgradeHandler upgrades, DaemonMetrics metrics, ILogger log, TimeProvider? time = null, long? socketBudget = null)
    {
        // At the descriptor limit the runtime itself can fail (it aborts with "Out of memory."
        // when it cannot get a descriptor), so sockets stop being accepted before that point:
        // further clients wait in the kernel's backlog until some close.
        _maxSockets = socketBudget ?? OpenFileLimit.SocketBudget() ?? long.MaxValue;
        _time = time ?? TimeProvider.System;
        _handshakeDone = () => Interlocked.Decrement(ref _pendingHandshakes);
        _ended = OnEnded;
        _options = options;
        _upgrades = upgrades;
        _metrics = metrics;
        _log = log.ForContext<Listener>();
        _pauseLog = new AcceptPauseLog(_log, _time);
        _upgrades.Opened += OnOpened;
        _upgrades.Ended += c => _open.TryRemove(c.Id, out _);
    }

    public int OpenConnections => _open.Count;

    /// <summary>
    /// A connection whose handshake was already decided when shutdown began opens after the
    /// snapshot ShutdownAsync closes: it is told and closed here instead (docs/protocol.md §3.5).
    /// The add before the flag read here, and the flag write before the snapshot there, are both
    /// fenced, so every connection is seen by at least one side.
    /// </summary>
    private void OnOpened(WebSocketConnection connection)
    {
        _open[connection.Id] = connection;
        if (Volatile.Read(ref _stopping) == 1)
        {
            CloseForShutdown(connection);
        }
    }

    private static void CloseForShutdown(WebSocketConnection connection)
    {
        if (connection.TryMarkShutdown())
        {
            connection.Session?.OnShutdown();
            connection.Close(CloseStatus.GoingAway, "server shutting down");
        }
    }

    /// <summary>Binds and listens; throws <see cref="SocketException"/> (AddressInUse, …) when it cannot.</summary>
    public IPEndPoint Bind()
    {
        var address = _options.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(_options.Host);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (address.Equals(IPAddress.IPv6Any))
        {
            socket.DualMode = true; // "::" serves IPv4 clients too.
        }

        try
        {
            socket.Bind(new IPEndPoint(address, _options.Port));
            socket.Listen(Backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    public async Task AcceptLoopAsync(CancellationToken stopping)
    {
        var socket = _socket ?? throw new InvalidOperationException("Bind first");
        while (!stopping.IsCancellationRequested)
        {
            if (Volatile.Read(ref _active) >= _maxSockets)
            {
                await PauseAtLimitAsync(stopping).ConfigureAwait(false);
                continue;
            }

            if (_atLimit)
            {
                _atLimit = false;
                _pauseLog.Resumed(Volatile.Read(ref _active));
            }

            Socket client;
            try
            {
                client = await socket.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException ex)
            {
                // EMFILE and friends: keep serving the connections we have, and give closing
                // ones time to free descriptors instead of spinning on accept.
                await BackOffAsync(ex, stopping).ConfigureAwait(false);
                continue;
            }

            _acceptFailures = 0;
            client.NoDelay = true;
            if (Interlocked.Increment(ref _pendingHandshakes) > _options.MaxPendingHandshakes)
            {
                Interlocked.Decrement(ref _pendingHandshakes);
                _metrics.UpgradesRefused.Increment("pending-handshakes");
                client.Dispose();
                continue;
            }

            Interlocked.Increment(ref _active);

            // The socket's request is read and answered on the thread pool, never inline here:
            // a head already waiting would otherwise be parsed, routed and answered (or upgraded
            // and its first messages handled) before the next accept (docs/security.md).
            ThreadPool.UnsafeQueueUserWorkItem(
                static s => _ = s.Listener._upgrades.HandleAsync(s.Client, s.Listener._handshakeDone, s.Listener._ended, s.Stopping),
                (Listener: this, Client: client, Stopping: stopping),
                preferLocal: false);
        }
    }

    private async Task PauseAtLimitAsync(CancellationToken stopping)
    {
        if (!_atLimit)
        {
            _atLimit = true;
            _pauseLog.Paused(Volatile.Read(ref _active));
        }

        await DelayAsync(stopping).ConfigureAwait(false);
    }

    private async Task DelayAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(AcceptBackoff, _time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends.
        }
    }

    private async Task BackOffAsync(SocketException ex, CancellationToken stopping)
    {
        if (_acceptFailures++ == 0)
        {
            _log.Warning(ex, "Accept failed: {SocketError}; pausing accepts for {BackoffMs} ms at a time until it succeeds", ex.SocketErrorCode, AcceptBackoff.TotalMilliseconds);
        }

        await DelayAsync(stopping).ConfigureAwait(false);
    }

    /// <summary>One accepted socket is done (whatever became of it).</summary>
    private void OnEnded()
    {
        if (Interlocked.Decrement(ref _active) == 0 && Volatile.Read(ref _stopping) == 1)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Stops accepting, tells every connection, closes them with 1001 and waits up to the grace.</summary>
    public async Task ShutdownAsync(TimeSpan grace, TimeProvider time)
    {
        _socket?.Dispose();
        Interlocked.Exchange(ref _stopping, 1);
        var connections = _open.Values.ToArray();
        _log.Information("Shutting down: closing {Count} connections with {CloseStatus}", connections.Length, CloseStatus.GoingAway);
        foreach (var c in connections)
        {
            CloseForShutdown(c);
        }

        try
        {
            if (Volatile.Read(ref _active) == 0)
            {
                _drained.TrySetResult();
            }

            await _drained.Task.WaitAsync(grace, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.Warning("Shutdown grace of {GraceMs} ms over, aborting {Count} connections", grace.TotalMilliseconds, _open.Count);
            foreach (var c in _open.Values)
            {
                c.Abort();
            }
        }
    }

    public void Dispose() => _socket?.Dispose();
}
