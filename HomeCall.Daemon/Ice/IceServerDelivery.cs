using System.Collections.Concurrent;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Ice;

/// <summary>
/// Hands every joined connection its ICE servers (docs/protocol.md §3.8): right after the join
/// reply, through the connection's own send queue so the order holds, and again before the TURN
/// credentials expire for as long as the connection stays a member of the room it joined.
/// Nothing at all when no server is configured. Each join and each refresh takes the servers in
/// force then (<see cref="IceServers.Current"/>), so after a reload the next refresh already
/// carries the new URLs, secret and lifetime.
/// </summary>
internal sealed class IceServerDelivery(IceServers servers, RoomRegistry registry, TimeProvider time, DaemonMetrics metrics) : IDisposable
{
    public const string MetricLabel = "websocket";

    private readonly ConcurrentDictionary<IConnection, Refreshing> _refreshes = new();

    public IceServers Servers => servers;

    /// <summary>Called by a dialect handler right after it queued its join reply (under the registry lock).</summary>
    public void Joined(IConnection connection, Room room)
    {
        var settings = servers.Current;
        if (!settings.IsConfigured)
        {
            return;
        }

        Send(connection, settings);
        if (settings.HasTurn)
        {
            var interval = settings.RefreshInterval;
            var refreshing = new Refreshing(time.CreateTimer(_ => Refresh(connection, room), null, interval, interval), interval);
            _refreshes.AddOrUpdate(connection, refreshing, (_, old) =>
            {
                old.Timer.Dispose(); // A join to another room starts a new credential cycle there.
                return refreshing;
            });
        }
    }

    /// <summary>The length of the ice-servers message a join sends now (0 when no server is configured): its credentials have a fixed length.</summary>
    public int JoinMessageBytes()
    {
        var settings = servers.Current;
        return settings.IsConfigured ? IceServersMessage.Write(settings, time.GetUtcNow()).Length : 0;
    }

    /// <summary>The connection ended: no more refreshes.</summary>
    public void Closed(IConnection connection)
    {
        if (_refreshes.TryRemove(connection, out var refreshing))
        {
            refreshing.Timer.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var connection in _refreshes.Keys)
        {
            Closed(connection);
        }
    }

    private void Send(IConnection connection, IceServerSettings settings)
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
                RefreshMember(connection);
            }
        }
        catch (Exception ex)
        {
            connection.Log.Error(ex, "Sending fresh TURN credentials failed");
        }
    }

    /// <summary>
    /// Fresh credentials from the servers in force: a reload that removed TURN ends the refreshes
    /// (what the client holds expires on its own), one that changed TURN_TTL_S moves the next one.
    /// </summary>
    private void RefreshMember(IConnection connection)
    {
        var settings = servers.Current;
        if (!settings.HasTurn)
        {
            Closed(connection);
            connection.Log.Debug("TURN is no longer configured: no more credential refreshes");
            return;
        }

        Send(connection, settings);
        connection.Log.Debug("Fresh TURN credentials sent");
        var interval = settings.RefreshInterval;
        if (_refreshes.TryGetValue(connection, out var refreshing) && refreshing.Interval != interval
            && _refreshes.TryUpdate(connection, refreshing with { Interval = interval }, refreshing))
        {
            refreshing.Timer.Change(interval, interval);
        }
    }

    /// <summary>A joined connection's refresh timer and the period it was set to.</summary>
    private sealed record Refreshing(ITimer Timer, TimeSpan Interval);
}
