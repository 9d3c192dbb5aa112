using System.Collections.Concurrent;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Ice;

/// <summary>
/// Hands every joined connection its ICE servers (docs/protocol.md §3.8): right after the join
/// reply, through the connection's own send queue so the order holds, and again before the TURN
/// credentials expire for as long as the connection stays a member of the room it joined.
/// Nothing at all when no server is configured.
/// </summary>
internal sealed class IceServerDelivery(IceServerSettings settings, RoomRegistry registry, TimeProvider time, DaemonMetrics metrics) : IDisposable
{
    public const string MetricLabel = "websocket";

    private readonly ConcurrentDictionary<IConnection, ITimer> _refreshes = new();

    public IceServerSettings Settings => settings;

    /// <summary>Called by a dialect handler right after it queued its join reply (under the registry lock).</summary>
    public void Joined(IConnection connection, Room room)
    {
        if (!settings.IsConfigured)
        {
            return;
        }

        Send(connection);
        if (settings.HasTurn)
        {
            var interval = settings.RefreshInterval;
            var timer = time.CreateTimer(_ => Refresh(connection, room), null, interval, interval);
            _refreshes.AddOrUpdate(connection, timer, (_, old) =>
            {
                old.Dispose(); // A join to another room starts a new credential cycle there.
                return timer;
            });
        }
    }

    /// <summary>The connection ended: no more refreshes.</summary>
    public void Closed(IConnection connection)
    {
        if (_refreshes.TryRemove(connection, out var timer))
        {
            timer.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var connection in _refreshes.Keys)
        {
            Closed(connection);
        }
    }

    private void Send(IConnection connection)
    {
        if (connection.Send(IceServersMessage.Write(settings, time.GetUtcNow())) && settings.HasTurn)
        {
            metrics.TurnCredentialsIssued.Increment(MetricLabel);
        }
    }

    /// <summary>A timer callback: an exception here would end the process, so it is logged instead.</summary>
    private void Refresh(IConnection connection, Room room)
    {
        try
        {
            bool member;
            using (registry.Lock())
            {
                member = room.FindConnection(connection) is not null;
            }

            // A connection that left (or was replaced) keeps its timer until it joins again or closes, but gets nothing.
            if (member)
            {
                Send(connection);
                connection.Log.Debug("Fresh TURN credentials sent");
            }
        }
        catch (Exception ex)
        {
            connection.Log.Error(ex, "Sending fresh TURN credentials failed");
        }
    }
}
