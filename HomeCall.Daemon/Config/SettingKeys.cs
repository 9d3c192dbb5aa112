namespace HomeCall.Daemon.Config;

/// <summary>The environment keys of every setting, in the order the README and --check-config list them.</summary>
internal static class SettingKeys
{
    public const string Host = "WS_HOST";
    public const string Port = "WS_PORT";
    public const string PortFallback = "PORT";
    public const string MaxMessageBytes = "MAX_MESSAGE_BYTES";
    public const string MaxRoomUsers = "MAX_ROOM_USERS";
    public const string RateLimitPerSecond = "RATE_LIMIT_PER_SEC";
    public const string RateLimitBurst = "RATE_LIMIT_BURST";
    public const string MaxConnections = "MAX_CONNECTIONS";
    public const string MaxConnectionsPerIp = "MAX_CONNECTIONS_PER_IP";
    public const string MaxSendQueueBytes = "MAX_SEND_QUEUE_BYTES";
    public const string SendTimeoutMs = "SEND_TIMEOUT_MS";
    public const string PingIntervalMs = "PING_INTERVAL_MS";
    public const string ShutdownGraceMs = "SHUTDOWN_GRACE_MS";
    public const string RoomTimeoutMs = "ROOM_TIMEOUT_MS";
    public const string EndedSessionTtlMs = "ENDED_SESSION_TTL_MS";
    public const string JoinFailuresPerMinute = "JOIN_FAILURES_PER_MIN";
    public const string SessionsPerIpPerMinute = "SESSIONS_PER_IP_PER_MIN";
    public const string MaxQueuedMessages = "MAX_QUEUED_MESSAGES";
    public const string MaxQueuedBytes = "MAX_QUEUED_BYTES";
    public const string HandshakeTimeoutMs = "HANDSHAKE_TIMEOUT_MS";
    public const string MaxPendingHandshakes = "MAX_PENDING_HANDSHAKES";
    public const string AllowedOrigins = "ALLOWED_ORIGINS";
    public const string TrustedProxies = "TRUSTED_PROXIES";
    public const string RequireForwardedTls = "REQUIRE_FORWARDED_TLS";
    public const string ErrorLanguage = "ERROR_LANGUAGE";
    public const string SelfTestPage = "SELFTEST_PAGE";
    public const string AdminToken = "ADMIN_TOKEN";
    public const string FingerprintKeyFile = "FINGERPRINT_KEY_FILE";
    public const string LogDir = "LOG_DIR";
    public const string LogRetainedFiles = "LOG_RETAINED_FILES";
    public const string LogLevel = "LOG_LEVEL";

    /// <summary>Every key the daemon reads (PORT only as a fallback for WS_PORT).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Host, Port, MaxMessageBytes, MaxRoomUsers, RateLimitPerSecond, RateLimitBurst,
        MaxConnections, MaxConnectionsPerIp, MaxSendQueueBytes, SendTimeoutMs, PingIntervalMs,
        ShutdownGraceMs, RoomTimeoutMs, EndedSessionTtlMs, JoinFailuresPerMinute, SessionsPerIpPerMinute, MaxQueuedMessages,
        MaxQueuedBytes, HandshakeTimeoutMs, MaxPendingHandshakes, AllowedOrigins, TrustedProxies,
        RequireForwardedTls, ErrorLanguage, SelfTestPage, AdminToken, FingerprintKeyFile, LogDir, LogRetainedFiles,
        LogLevel,
    ];
}
