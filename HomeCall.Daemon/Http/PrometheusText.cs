using System.Globalization;
using System.Text;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Http;

/// <summary>
/// Renders /metrics in the Prometheus text exposition format 0.0.4 (docs/protocol.md §1.3). Label
/// values are message types, error codes, refusal reasons and dialects: never room ids,
/// user names or client IPs.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static byte[] Render(DaemonMetrics metrics, RegistrySnapshot snapshot, int connections, TimeSpan uptime)
    {
        var sb = new StringBuilder();
        Gauge(sb, "homecall_connections", "Open WebSocket connections.", connections);
        sb.Append("# HELP homecall_rooms Rooms the registry holds, by dialect.\n# TYPE homecall_rooms gauge\n");
        foreach (var (dialect, count) in snapshot.RoomsByDialect)
        {
            Sample(sb, "homecall_rooms", "dialect", DialectNames.Of(dialect), count);
        }

        Gauge(sb, "homecall_members", "Members of all rooms, disconnected /signal participants included.", snapshot.Members);
        Labeled(sb, "homecall_messages_received_total", "Messages received, by type.", "type", metrics.MessagesReceived);
        Labeled(sb, "homecall_messages_relayed_total", "Messages delivered to another connection, by type.", "type", metrics.MessagesRelayed);
        Labeled(sb, "homecall_errors_total", "Error messages sent to clients, by code.", "code", metrics.ErrorsSent);
        Labeled(sb, "homecall_upgrades_refused_total", "Connections refused before or at the upgrade, by reason.", "reason", metrics.UpgradesRefused);
        Labeled(sb, "homecall_connections_closed_total", "Connections ended, by close status (1006 = no close frame; other = a status the client chose).", "status", metrics.ConnectionsClosed);
        Labeled(sb, "homecall_turn_credentials_issued_total", "TURN credentials issued, by channel (websocket, http).", "via", metrics.TurnCredentialsIssued);
        Counter(sb, "homecall_connections_accepted_total", "WebSocket connections accepted.", metrics.ConnectionsAccepted);
        Gauge(sb, "homecall_queued_messages", "Messages held for absent /signal participants.", snapshot.QueuedMessages);
        Gauge(sb, "homecall_queued_bytes", "Bytes held for absent /signal participants.", snapshot.QueuedBytes);
        Counter(sb, "homecall_room_expiries_total", "Rooms forgotten for inactivity.", metrics.RoomExpiries);
        Counter(sb, "homecall_log_events_dropped_total", "Log events dropped because the log buffer was full.", metrics.LogEventsDropped);
        Gauge(sb, "homecall_uptime_seconds", "Seconds since the daemon started.", (long)uptime.TotalSeconds);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void Gauge(StringBuilder sb, string name, string help, long value)
    {
        sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");
    }

    private static void Counter(StringBuilder sb, string name, string help, long value)
    {
        sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");
    }

    private static void Labeled(StringBuilder sb, string name, string help, string label, LabeledCounter counter)
    {
        sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n");
        foreach (var (value, count) in counter.Snapshot())
        {
            Sample(sb, name, label, value, count);
        }
    }

    private static void Sample(StringBuilder sb, string name, string label, string value, long count)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{name}{{{label}=\"{value}\"}} {count}\n");
    }
}
