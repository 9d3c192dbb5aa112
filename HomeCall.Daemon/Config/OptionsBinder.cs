using System.Net;
using K = HomeCall.Daemon.Config.SettingKeys;

namespace HomeCall.Daemon.Config;

/// <summary>Turns merged settings into <see cref="DaemonOptions"/>, reporting every invalid one.</summary>
internal static class OptionsBinder
{
    private const int MaxMillis = 7 * 24 * 3600 * 1000;
    private const int MaxPort = 65535;

    /// <summary>Bytes a relay may add to the message it carries (stamped type, from, room).</summary>
    private const int RelayStampAllowance = 1024;

    private static readonly Dictionary<string, ErrorLanguage> Languages = new(StringComparer.Ordinal)
    {
        ["auto"] = ErrorLanguage.Auto,
        ["en"] = ErrorLanguage.English,
        ["ru"] = ErrorLanguage.Russian,
    };

    private static readonly Dictionary<string, string> LogLevels = new(StringComparer.Ordinal)
    {
        ["verbose"] = "verbose",
        ["debug"] = "debug",
        ["information"] = "information",
        ["info"] = "information",
        ["warning"] = "warning",
        ["error"] = "error",
        ["fatal"] = "fatal",
    };

    public static BindResult Bind(IReadOnlyDictionary<string, string> values)
    {
        var r = new SettingReader(values);
        var d = new DaemonOptions();
        var portKey = values.ContainsKey(K.Port) || !values.ContainsKey(K.PortFallback) ? K.Port : K.PortFallback;
        var options = d with
        {
            Host = r.String(K.Host, d.Host),
            Port = r.Int(portKey, d.Port, 0, MaxPort),
            MaxMessageBytes = r.Int(K.MaxMessageBytes, d.MaxMessageBytes, 1024, 16 * 1024 * 1024),
            MaxRoomUsers = r.Int(K.MaxRoomUsers, d.MaxRoomUsers, 2, 1000),
            RateLimitPerSecond = r.Int(K.RateLimitPerSecond, d.RateLimitPerSecond, 1, 1_000_000),
            RateLimitBurst = r.Int(K.RateLimitBurst, d.RateLimitBurst, 1, 1_000_000),
            MaxConnections = r.Int(K.MaxConnections, d.MaxConnections, 1, 10_000_000),
            MaxConnectionsPerIp = r.Int(K.MaxConnectionsPerIp, d.MaxConnectionsPerIp, 1, 10_000_000),
            MaxSendQueueBytes = r.Int(K.MaxSendQueueBytes, d.MaxSendQueueBytes, 1024, 1024 * 1024 * 1024),
            SendTimeout = r.Millis(K.SendTimeoutMs, d.SendTimeout, 100, MaxMillis),
            PingInterval = r.Millis(K.PingIntervalMs, d.PingInterval, 100, MaxMillis),
            ShutdownGrace = r.Millis(K.ShutdownGraceMs, d.ShutdownGrace, 0, MaxMillis),
            RoomTimeout = r.Millis(K.RoomTimeoutMs, d.RoomTimeout, 1000, MaxMillis),
            EndedSessionTtl = r.Millis(K.EndedSessionTtlMs, d.EndedSessionTtl, 0, MaxMillis),
            JoinFailuresPerMinute = r.Int(K.JoinFailuresPerMinute, d.JoinFailuresPerMinute, 1, 1_000_000),
            SessionsPerIpPerMinute = r.Int(K.SessionsPerIpPerMinute, d.SessionsPerIpPerMinute, 1, 1_000_000),
            MaxQueuedMessages = r.Int(K.MaxQueuedMessages, d.MaxQueuedMessages, 1, 100_000),
            MaxQueuedBytes = r.Int(K.MaxQueuedBytes, d.MaxQueuedBytes, 1024, 1024 * 1024 * 1024),
            HandshakeTimeout = r.Millis(K.HandshakeTimeoutMs, d.HandshakeTimeout, 100, MaxMillis),
            MaxPendingHandshakes = r.Int(K.MaxPendingHandshakes, d.MaxPendingHandshakes, 1, 1_000_000),
            AllowedOrigins = r.List(K.AllowedOrigins, d.AllowedOrigins),
            TrustedProxies = r.AddressList(K.TrustedProxies, d.TrustedProxies),
            RequireForwardedTls = r.Bool(K.RequireForwardedTls, d.RequireForwardedTls),
            ErrorLanguage = r.Choice(K.ErrorLanguage, d.ErrorLanguage, Languages),
            SelfTestPage = r.Bool(K.SelfTestPage, d.SelfTestPage),
            AdminToken = r.String(K.AdminToken, d.AdminToken),
            FingerprintKeyFile = r.String(K.FingerprintKeyFile, d.FingerprintKeyFile),
            LogDir = r.String(K.LogDir, d.LogDir),
            LogRetainedFiles = r.Int(K.LogRetainedFiles, d.LogRetainedFiles, 1, 3650),
            LogLevel = r.Choice(K.LogLevel, d.LogLevel, LogLevels),
        };

        CheckHost(r, options.Host);
        CheckRoomForOneMessage(r, options);
        return new BindResult(options, r.Errors);
    }

    /// <summary>
    /// A relay is at most the sender's message plus 400 stamped bytes (docs/protocol.md §3.1),
    /// so twice the largest message plus this allowance holds two largest relays, one being
    /// written while the next waits; and a /signal queue is delivered to the joiner in one
    /// go, so it must fit in that joiner's send queue.
    /// </summary>
    private static void CheckRoomForOneMessage(SettingReader r, DaemonOptions o)
    {
        var needed = (2L * o.MaxMessageBytes) + RelayStampAllowance;
        if (o.MaxSendQueueBytes < needed)
        {
            r.Fail($"{K.MaxSendQueueBytes} must be at least 2 x {K.MaxMessageBytes} + {RelayStampAllowance} ({needed}) to hold one relayed message (got '{o.MaxSendQueueBytes}')");
        }

        if (o.MaxQueuedBytes < needed)
        {
            r.Fail($"{K.MaxQueuedBytes} must be at least 2 x {K.MaxMessageBytes} + {RelayStampAllowance} ({needed}) to hold one relayed message (got '{o.MaxQueuedBytes}')");
        }
        else if (o.MaxQueuedBytes > o.MaxSendQueueBytes)
        {
            r.Fail($"{K.MaxQueuedBytes} must not exceed {K.MaxSendQueueBytes} ({o.MaxSendQueueBytes}): a joiner receives the whole queue at once (got '{o.MaxQueuedBytes}')");
        }
    }

    private static void CheckHost(SettingReader r, string host)
    {
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            r.Fail($"{K.Host} must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1 (got '{host}')");
        }
    }
}
