namespace HomeCall.Daemon.Config;

/// <summary>The environment keys of the settings, named for code that refers to one (declared in <see cref="Settings"/>).</summary>
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
    public const string StunUrls = "STUN_URLS";
    public const string TurnUrls = "TURN_URLS";
    public const string TurnSecret = "TURN_SECRET";
    public const string TurnSecretFile = "TURN_SECRET_FILE";
    public const string TurnTtlSeconds = "TURN_TTL_S";
    public const string AdminToken = "ADMIN_TOKEN";
    public const string FingerprintKeyFile = "FINGERPRINT_KEY_FILE";
    public const string LogDir = "LOG_DIR";
    public const string LogRetainedFiles = "LOG_RETAINED_FILES";
    public const string LogLevel = "LOG_LEVEL";

    /// <summary>Every key the daemon reads (PORT only as a fallback for WS_PORT), in <see cref="Settings.All"/> order.</summary>
    public static IReadOnlyList<string> All { get; } = Settings.All.Select(s => s.Key).ToArray();
}
