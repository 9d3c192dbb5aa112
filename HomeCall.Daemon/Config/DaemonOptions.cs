namespace HomeCall.Daemon.Config;

/// <summary>
/// Every setting of the daemon with its default inline. Names in comments are the
/// environment keys (README configuration table, homecall.env).
/// </summary>
internal sealed record DaemonOptions
{
    /// <summary>WS_HOST: address to listen on (IPv4, IPv6, 0.0.0.0, ::, or localhost).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>WS_PORT (or PORT when WS_PORT is unset): 0 picks a free port (tests).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>MAX_MESSAGE_BYTES: a larger message closes the connection with 1009.</summary>
    public int MaxMessageBytes { get; init; } = 65536;

    /// <summary>MAX_ROOM_USERS: members of one room on the room endpoint.</summary>
    public int MaxRoomUsers { get; init; } = 16;

    /// <summary>RATE_LIMIT_PER_SEC / RATE_LIMIT_BURST: per-connection token bucket.</summary>
    public int RateLimitPerSecond { get; init; } = 50;

    public int RateLimitBurst { get; init; } = 200;

    /// <summary>MAX_CONNECTIONS / MAX_CONNECTIONS_PER_IP: upgrades past these get 503.</summary>
    public int MaxConnections { get; init; } = 10000;

    public int MaxConnectionsPerIp { get; init; } = 200;

    /// <summary>MAX_SEND_QUEUE_BYTES: bytes waiting for one slow reader before it is closed with 1008.</summary>
    public int MaxSendQueueBytes { get; init; } = 1024 * 1024;

    /// <summary>SEND_TIMEOUT_MS: one send that does not complete in time aborts the connection.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromMilliseconds(10000);

    /// <summary>PING_INTERVAL_MS: ping period; a peer silent for another interval is aborted.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMilliseconds(25000);

    /// <summary>SHUTDOWN_GRACE_MS: how long shutdown waits for clients to answer the close.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromMilliseconds(5000);

    /// <summary>ROOM_TIMEOUT_MS: idle numeric rooms and unattended sessions are forgotten after this.</summary>
    public TimeSpan RoomTimeout { get; init; } = TimeSpan.FromMilliseconds(300000);

    /// <summary>ENDED_SESSION_TTL_MS: how long an ended /signal session id keeps answering session-ended.</summary>
    public TimeSpan EndedSessionTtl { get; init; } = TimeSpan.FromMilliseconds(3600000);

    /// <summary>JOIN_FAILURES_PER_MIN: failed numeric joins per client IP before too-many-attempts.</summary>
    public int JoinFailuresPerMinute { get; init; } = 20;

    /// <summary>JOIN_FAILURES_PER_MIN_IPV4_24: failed joins per IPv4 /24 (all its addresses together) before too-many-attempts.</summary>
    public int JoinFailuresPerMinuteIpv4Net { get; init; } = 100;

    /// <summary>JOIN_FAILURES_PER_MIN_IPV6_64: failed joins per IPv6 /64 (one site; privacy addresses rotate inside it) before too-many-attempts.</summary>
    public int JoinFailuresPerMinuteIpv6Net { get; init; } = 40;

    /// <summary>SESSIONS_PER_IP_PER_MIN: new /signal sessions one client IP may create in a minute before too-many-sessions.</summary>
    public int SessionsPerIpPerMinute { get; init; } = 60;

    /// <summary>MAX_QUEUED_MESSAGES / MAX_QUEUED_BYTES: what one /signal session holds for an absent peer.</summary>
    public int MaxQueuedMessages { get; init; } = 64;

    public int MaxQueuedBytes { get; init; } = 262144;

    /// <summary>HANDSHAKE_TIMEOUT_MS: the whole request head must arrive within this (slowloris).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromMilliseconds(10000);

    /// <summary>MAX_PENDING_HANDSHAKES: sockets accepted but not yet upgraded.</summary>
    public int MaxPendingHandshakes { get; init; } = 1000;

    /// <summary>ALLOWED_ORIGINS: empty allows any Origin (a warning is logged at start).</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>
    /// TRUSTED_PROXIES: peers whose X-Forwarded-For / X-Forwarded-Proto are believed. None by
    /// default: a trusted loopback would let any local process blame another address (per-IP
    /// limits, the join guard); the systemd unit trusts loopback for the Apache on the same host.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    /// <summary>REQUIRE_FORWARDED_TLS: refuse upgrades that did not come through a TLS proxy.</summary>
    public bool RequireForwardedTls { get; init; }

    /// <summary>ERROR_LANGUAGE: auto (English, Russian on /signal), en or ru.</summary>
    public ErrorLanguage ErrorLanguage { get; init; } = ErrorLanguage.Auto;

    /// <summary>SELFTEST_PAGE: serve the call self-test page on a plain GET /.</summary>
    public bool SelfTestPage { get; init; } = true;

    /// <summary>STUN_URLS: stun:/stuns: URLs (RFC 7064) handed to clients in ice-servers; empty = none.</summary>
    public IReadOnlyList<string> StunUrls { get; init; } = [];

    /// <summary>TURN_URLS: turn:/turns: URLs (RFC 7065) handed to clients with short-lived credentials; empty = none.</summary>
    public IReadOnlyList<string> TurnUrls { get; init; } = [];

    /// <summary>TURN_SECRET: coturn's static-auth-secret, the key of the TURN REST credentials (never logged).</summary>
    public string TurnSecret { get; init; } = "";

    /// <summary>TURN_SECRET_FILE: a file holding that secret instead (systemd LoadCredential=); read at start and on every reload.</summary>
    public string TurnSecretFile { get; init; } = "";

    /// <summary>TURN_TTL_S: how long issued TURN credentials are valid.</summary>
    public int TurnTtlSeconds { get; init; } = 86400;

    /// <summary>ADMIN_TOKEN: bearer token for /rooms and /health room details; empty disables them.</summary>
    public string AdminToken { get; init; } = "";

    /// <summary>ROOM_SECRET: when set, every join needs a token signed with it (docs/protocol.md §12); empty = off.</summary>
    public string RoomSecret { get; init; } = "";

    /// <summary>ROOM_SECRET_FILE: a file holding the room secret instead of ROOM_SECRET (read at start and on every reload).</summary>
    public string RoomSecretFile { get; init; } = "";

    /// <summary>AUTH_WEBHOOK_URL: an http(s) URL asked about joins without a valid token (docs/protocol.md §12.4); empty = off.</summary>
    public string AuthWebhookUrl { get; init; } = "";

    /// <summary>AUTH_WEBHOOK_TIMEOUT_MS: a webhook answer later than this refuses the join.</summary>
    public TimeSpan AuthWebhookTimeout { get; init; } = TimeSpan.FromMilliseconds(3000);

    /// <summary>AUTH_WEBHOOK_CACHE_MS: how long a webhook answer is reused for the same request fields; 0 = ask every time.</summary>
    public TimeSpan AuthWebhookCache { get; init; } = TimeSpan.FromMilliseconds(10000);

    /// <summary>
    /// FINGERPRINT_KEY_FILE: the secret key of the room fingerprints in logs; empty means the
    /// default place (<see cref="FingerprintKeyPath"/>). Created on first start if missing.
    /// </summary>
    public string FingerprintKeyFile { get; init; } = "";

    /// <summary>LOG_DIR: rolling daily log files go here when set.</summary>
    public string LogDir { get; init; } = "";

    /// <summary>LOG_RETAINED_FILES: daily files kept in LOG_DIR.</summary>
    public int LogRetainedFiles { get; init; } = 14;

    /// <summary>LOG_LEVEL: verbose, debug, information, warning, error or fatal.</summary>
    public string LogLevel { get; init; } = "information";
}
