using System.Net;
using System.Net.Sockets;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Metrics;
using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Accepts sockets on WS_HOST:WS_PORT within the descriptor budget and MAX_PENDING_HANDSHAKES
/// (counted by the <see cref="ConnectionLedger"/>), hands each to <see cref="RequestHandler"/>,
/// keeps the open connections alive (<see cref="KeepAliveSweep"/>, docs/protocol.md §3.7),
/// and at shutdown closes every open connection (docs/protocol.md §3.5).
/// </summary>
internal sealed class Listener : IDisposable
{
    private const int Backlog = 1024;

    /// <summary>Pause after a failed accept (out of descriptors): long enough to stop a busy loop, short enough to be unnoticeable.</summary>
    private static readonly TimeSpan AcceptBackoff = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;
    private readonly DaemonOptions _options;
    private readonly RequestHandler _upgrades;
    private readonly ConnectionLedger _ledger;
    private readonly DaemonMetrics _metrics;
    private readonly ILogger _log;
    private readonly long _maxSockets;
    private readonly AcceptPauseLog _pauseLog;
    private readonly KeepAliveSweep _keepAlive;
    private Socket? _socket;
    private int _acceptFailures;
    private bool _atLimit;

    public Listener(DaemonOptions options, RequestHandler upgrades, ConnectionLedger ledger, DaemonMetrics metrics, ILogger log, TimeProvider? time = null, long? socketBudget = null)
    {
        // At the descriptor limit the runtime itself can fail (it aborts with "Out of memory."
        // when it cannot get a descriptor), so sockets stop being accepted before that point:
        // further clients wait in the kernel's backlog until some close.
        _maxSockets = socketBudget ?? OpenFileLimit.SocketBudget() ?? long.MaxValue;
        _time = time ?? TimeProvider.System;
        _options = options;
        _upgrades = upgrades;
        _ledger = ledger;
        _metrics = metrics;
        _log = log.ForContext<Listener>();
        _pauseLog = new AcceptPauseLog(_log, _time);
        _keepAlive = new KeepAliveSweep(ledger, options.PingInterval, _time, log);
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
        _keepAlive.Start();
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    public async Task AcceptLoopAsync(CancellationToken stopping)
    {
        var socket = _socket ?? throw new InvalidOperationException("Bind first");
        while (!stopping.IsCancellationRequested)
        {
            if (_ledger.Sockets >= _maxSockets)
            {
                await PauseAtLimitAsync(stopping).ConfigureAwait(false);
                continue;
            }

            if (_atLimit)
            {
                _atLimit = false;
                _pauseLog.Resumed(_ledger.Sockets);
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
            if (!_ledger.TryAdmit())
            {
                _metrics.UpgradesRefused.Increment("pending-handshakes");
                client.Dispose();
                continue;
            }

            // The socket's request is read and answered on the thread pool, never inline here:
            // a head already waiting would otherwise be parsed, routed and answered (or upgraded
            // and its first messages handled) before the next accept (docs/security.md).
            ThreadPool.UnsafeQueueUserWorkItem(
                static s => _ = s.Upgrades.HandleAsync(s.Client, s.Stopping),
                (Upgrades: _upgrades, Client: client, Stopping: stopping),
                preferLocal: false);
        }
    }

    private async Task PauseAtLimitAsync(CancellationToken stopping)
    {
        if (!_atLimit)
        {
            _atLimit = true;
            _pauseLog.Paused(_ledger.Sockets);
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

    /// <summary>Stops accepting, tells every connection, closes them with 1001 and waits up to the grace.</summary>
    public async Task ShutdownAsync(TimeSpan grace, TimeProvider time)
    {
        _socket?.Dispose();
        var connections = _ledger.BeginShutdown();
        _log.Information("Shutting down: closing {Count} connections with {CloseStatus}", connections.Length, CloseStatus.GoingAway);
        foreach (var c in connections)
        {
            c.CloseForShutdown();
        }

        try
        {
            await _ledger.Drained.WaitAsync(grace, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var left = _ledger.OpenConnections();
            _log.Warning("Shutdown grace of {GraceMs} ms over, aborting {Count} connections", grace.TotalMilliseconds, left.Length);
            foreach (var c in left)
            {
                c.Abort();
            }
        }
    }

    public void Dispose()
    {
        _keepAlive.Dispose();
        _socket?.Dispose();
    }
}
