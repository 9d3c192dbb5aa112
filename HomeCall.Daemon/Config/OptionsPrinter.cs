using System.Globalization;
using K = HomeCall.Daemon.Config.SettingKeys;

namespace HomeCall.Daemon.Config;

/// <summary>Renders the effective settings as KEY=value lines, secrets masked (--check-config, start log).</summary>
internal static class OptionsPrinter
{
    public const string Masked = "********";

    public static IReadOnlyList<KeyValuePair<string, string>> Describe(DaemonOptions o)
    {
        static string Ms(TimeSpan t) => ((long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string B(bool b) => b ? "true" : "false";
        var language = o.ErrorLanguage switch
        {
            ErrorLanguage.English => "en",
            ErrorLanguage.Russian => "ru",
            _ => "auto",
        };

        return
        [
            new(K.Host, o.Host),
            new(K.Port, N(o.Port)),
            new(K.MaxMessageBytes, N(o.MaxMessageBytes)),
            new(K.MaxRoomUsers, N(o.MaxRoomUsers)),
            new(K.RateLimitPerSecond, N(o.RateLimitPerSecond)),
            new(K.RateLimitBurst, N(o.RateLimitBurst)),
            new(K.MaxConnections, N(o.MaxConnections)),
            new(K.MaxConnectionsPerIp, N(o.MaxConnectionsPerIp)),
            new(K.MaxSendQueueBytes, N(o.MaxSendQueueBytes)),
            new(K.SendTimeoutMs, Ms(o.SendTimeout)),
            new(K.PingIntervalMs, Ms(o.PingInterval)),
            new(K.ShutdownGraceMs, Ms(o.ShutdownGrace)),
            new(K.RoomTimeoutMs, Ms(o.RoomTimeout)),
            new(K.EndedSessionTtlMs, Ms(o.EndedSessionTtl)),
            new(K.JoinFailuresPerMinute, N(o.JoinFailuresPerMinute)),
            new(K.SessionsPerIpPerMinute, N(o.SessionsPerIpPerMinute)),
            new(K.MaxQueuedMessages, N(o.MaxQueuedMessages)),
            new(K.MaxQueuedBytes, N(o.MaxQueuedBytes)),
            new(K.HandshakeTimeoutMs, Ms(o.HandshakeTimeout)),
            new(K.MaxPendingHandshakes, N(o.MaxPendingHandshakes)),
            new(K.AllowedOrigins, string.Join(',', o.AllowedOrigins)),
            new(K.TrustedProxies, string.Join(',', o.TrustedProxies)),
            new(K.RequireForwardedTls, B(o.RequireForwardedTls)),
            new(K.ErrorLanguage, language),
            new(K.SelfTestPage, B(o.SelfTestPage)),
            new(K.AdminToken, o.AdminToken.Length == 0 ? "" : Masked),
            new(K.FingerprintKeyFile, o.FingerprintKeyFile),
            new(K.LogDir, o.LogDir),
            new(K.LogRetainedFiles, N(o.LogRetainedFiles)),
            new(K.LogLevel, o.LogLevel),
        ];
    }

    public static string Render(DaemonOptions o) =>
        string.Join('\n', Describe(o).Select(kv => $"{kv.Key}={kv.Value}")) + "\n";
}
