using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;
using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>The upgraded side of <see cref="RequestHandler"/>: the 101 answer, the connection made, started, and its end logged and counted.</summary>
internal sealed partial class RequestHandler
{
    /// <summary>
    /// Answers 101 and starts the connection; the caller took its connection slot. The
    /// connection then runs on its own and ends through <see cref="OnConnectionEnded"/>, so this
    /// frame is not kept alive for the connection's lifetime (idle memory per connection).
    /// </summary>
    private async Task UpgradeAsync(Socket socket, AcceptedUpgrade upgrade)
    {
        WebSocketConnection? connection = null;
        try
        {
            await NonBlockingSend.SendAsync(socket, upgrade.Answer.AsMemory(0, Handshake.SwitchingProtocolsLength)).ConfigureAwait(false);
            connection = Accept(socket, upgrade);
        }
        catch (SocketException)
        {
            // The client left during the 101.
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Unexpected error on a connection");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(upgrade.Answer);
        }

        if (connection is null)
        {
            socket.Dispose();
            ledger.UpgradeFailed(upgrade.ClientIp);
            return;
        }

        Start(connection);
    }

    private void Start(WebSocketConnection connection)
    {
        try
        {
            // In the ledger before it runs, so its end always finds it there; opened during
            // shutdown (after its snapshot), it is told and closed at once (docs/protocol.md §3.5).
            connection.Attach(connections);
            if (!ledger.Opened(connection))
            {
                connection.CloseForShutdown();
            }

            _ = connection.RunAsync(_connectionEnded ??= OnConnectionEnded);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Unexpected error on a connection");
            OnConnectionEnded(connection);
        }
    }

    private void OnConnectionEnded(WebSocketConnection connection)
    {
        if (connection.IsAttached)
        {
            Closed(connection);
        }

        connection.Dispose();
        ledger.Closed(connection);
    }

    private WebSocketConnection Accept(Socket socket, AcceptedUpgrade upgrade)
    {
        var id = Interlocked.Increment(ref _nextId);
        ILogger connLog = _connectionLogs.For(id);
        var stream = new ConnectionStream(new NetworkStream(socket, ownsSocket: true), upgrade.Leftover, time);
        var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            // No keep-alive timer per connection: the listener's one KeepAliveSweep pings and
            // times out every connection (docs/protocol.md §3.7; idle memory per connection).
            KeepAliveInterval = TimeSpan.Zero,
        });
        var connection = new WebSocketConnection(id, ws, stream, upgrade.ClientIp, upgrade.Endpoint, upgrade.Query, _services, connLog, time.GetTimestamp()) { Origin = upgrade.Origin };
        metrics.ConnectionAccepted();
        connLog.Information("Connection opened from {ClientIp} on {Path}", upgrade.ClientIp, upgrade.Path);
        return connection;
    }

    private void Closed(WebSocketConnection connection)
    {
        var closeStatus = connection.SentCloseStatus != 0 ? connection.SentCloseStatus : connection.ReceivedCloseStatus ?? 1006;
        metrics.ConnectionsClosed.Increment(CloseStatus.MetricLabel(closeStatus));
        connection.Log.Information(
            "Connection closed with {CloseStatus} (peer sent {PeerCloseStatus}) after {DurationMs} ms",
            closeStatus,
            connection.ReceivedCloseStatus,
            (long)time.GetElapsedTime(connection.OpenedAt).TotalMilliseconds);
    }
}
