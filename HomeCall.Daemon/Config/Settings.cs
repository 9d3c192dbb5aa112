using K = HomeCall.Daemon.Config.SettingKeys;

namespace HomeCall.Daemon.Config;

// To add a setting: one entry here, a property (with its default) in DaemonOptions, its key in
// SettingKeys, a README configuration-table row, a commented "#KEY=default" line with a comment
// above it in homecall.env (and a docs/protocol.md §10.2 row if it limits the protocol) — the
// tests in HomeCall.Daemon.Tests/Config/SettingsDocsTests.cs name what is missing. A setting a
// reload (SIGHUP) may apply to the running daemon gets `with { Live = true }`, and the code using
// it reads LiveOptions.Current (or its Changed event) instead of the options it started with.
// The manual page homecall.env(5) (`homecall man homecall.env`) is printed from this table.

/// <summary>
/// Every setting, declared once, in the order of the README configuration table. Parsing
/// (<see cref="OptionsBinder"/>), printing (<see cref="OptionsPrinter"/>), the known keys
/// (<see cref="SettingKeys.All"/>, typo suggestions) and the doc checks all derive from it.
/// </summary>
internal static class Settings
{
    /// <summary>A week: the longest any timeout or period may be.</summary>
    private const int MaxMillis = 7 * 24 * 3600 * 1000;

    private const int MaxPort = 65535;

    /// <summary>A join waits for the webhook with its connection unread (docs/protocol.md §12.4): that must stay short.</summary>
    private const int MaxWebhookMillis = 10_000;

    /// <summary>An hour: a revoked user is let in from the cache at most this long.</summary>
    private const int MaxWebhookCacheMillis = 3600 * 1000;
    private const int MaxQueueBytes = 1024 * 1024 * 1024;

    /// <summary>TURN credentials live a minute to a week: shorter ones expire before ICE is done, longer ones outlive a leaked link.</summary>
    private const int MinTurnTtlSeconds = 60;
    private const int MaxTurnTtlSeconds = 7 * 24 * 3600;

    public static readonly IReadOnlyList<SettingDefinition> All =
    [
        Setting.Text(K.Host, "address to listen on (`0.0.0.0`, `::` for all)", o => o.Host, (o, v) => o with { Host = v }),
        Setting.Int(
            K.Port, "port; `PORT` is read when `WS_PORT` is unset; `0` = any free port",
            0, MaxPort, o => o.Port, (o, v) => o with { Port = v }) with { Fallback = K.PortFallback },
        Setting.Int(
            K.MaxMessageBytes, "larger messages close the connection with 1009",
            1024, 16 * 1024 * 1024, o => o.MaxMessageBytes, (o, v) => o with { MaxMessageBytes = v }),
        Setting.Int(
            K.MaxRoomUsers, "members of one room on the room endpoint (`/signal` sessions hold 2)",
            2, 1000, o => o.MaxRoomUsers, (o, v) => o with { MaxRoomUsers = v }),
        Setting.Int(
            K.RateLimitPerSecond, "per-connection sustained message rate",
            1, 1_000_000, o => o.RateLimitPerSecond, (o, v) => o with { RateLimitPerSecond = v }) with { Live = true },
        Setting.Int(
            K.RateLimitBurst, "per-connection burst; over the limit → `rate-limited`, 10 s over → close 1008",
            1, 1_000_000, o => o.RateLimitBurst, (o, v) => o with { RateLimitBurst = v }) with { Live = true },
        Setting.Int(
            K.MaxConnections, "open WebSockets in total; past it upgrades get 503",
            1, 10_000_000, o => o.MaxConnections, (o, v) => o with { MaxConnections = v }) with { Live = true },
        Setting.Int(
            K.MaxConnectionsPerIp, "open WebSockets per client IP; past it upgrades get 503",
            1, 10_000_000, o => o.MaxConnectionsPerIp, (o, v) => o with { MaxConnectionsPerIp = v }) with { Live = true },
        Setting.Int(
            K.MaxSendQueueBytes, "bytes waiting for one slow reader before it is closed with 1008 (at least 2 × `MAX_MESSAGE_BYTES` + 1024)",
            1024, MaxQueueBytes, o => o.MaxSendQueueBytes, (o, v) => o with { MaxSendQueueBytes = v })
            with { Range = QueueBounds.Minimum + Setting.RangeDash + MaxQueueBytes },
        Setting.Millis(
            K.SendTimeoutMs, "a send that does not complete in time aborts the connection",
            100, MaxMillis, o => o.SendTimeout, (o, v) => o with { SendTimeout = v }),
        Setting.Millis(
            K.PingIntervalMs, "ping period; no pong within another period → dropped",
            100, MaxMillis, o => o.PingInterval, (o, v) => o with { PingInterval = v }),
        Setting.Millis(
            K.ShutdownGraceMs, "how long shutdown waits for clients to answer the 1001 close",
            0, MaxMillis, o => o.ShutdownGrace, (o, v) => o with { ShutdownGrace = v }) with { Live = true },
        Setting.Millis(
            K.RoomTimeoutMs, "idle numeric rooms and unattended `/signal` sessions are forgotten",
            1000, MaxMillis, o => o.RoomTimeout, (o, v) => o with { RoomTimeout = v }),
        Setting.Millis(
            K.EndedSessionTtlMs, "an ended `/signal` session answers `session-ended` this long (the newest 100,000 ended sessions at most)",
            0, MaxMillis, o => o.EndedSessionTtl, (o, v) => o with { EndedSessionTtl = v }),
        Setting.Int(
            K.JoinFailuresPerMinute, "failed joins per IP per minute before `too-many-attempts` (numeric `room-not-found`; every `forbidden` with access control on)",
            1, 1_000_000, o => o.JoinFailuresPerMinute, (o, v) => o with { JoinFailuresPerMinute = v }) with { Live = true },
        Setting.Int(
            K.JoinFailuresPerMinuteIpv4Net, "failed joins per IPv4 /24 (its addresses together) per minute before `too-many-attempts`",
            1, 1_000_000, o => o.JoinFailuresPerMinuteIpv4Net, (o, v) => o with { JoinFailuresPerMinuteIpv4Net = v }) with { Live = true },
        Setting.Int(
            K.JoinFailuresPerMinuteIpv6Net, "failed joins per IPv6 /64 (its addresses together) per minute before `too-many-attempts`",
            1, 1_000_000, o => o.JoinFailuresPerMinuteIpv6Net, (o, v) => o with { JoinFailuresPerMinuteIpv6Net = v }) with { Live = true },
        Setting.Int(
            K.SessionsPerIpPerMinute,
            "new `/signal` sessions one IP may create per minute before `too-many-sessions` (joining an existing session is not counted)",
            1, 1_000_000, o => o.SessionsPerIpPerMinute, (o, v) => o with { SessionsPerIpPerMinute = v }) with { Live = true },
        Setting.Int(
            K.MaxQueuedMessages, "messages a `/signal` session holds for an absent participant",
            1, 100_000, o => o.MaxQueuedMessages, (o, v) => o with { MaxQueuedMessages = v }),
        Setting.Int(
            K.MaxQueuedBytes,
            "bytes a `/signal` session holds for an absent participant (at least 2 × `MAX_MESSAGE_BYTES` + 1024, at most `MAX_SEND_QUEUE_BYTES`)",
            1024, MaxQueueBytes, o => o.MaxQueuedBytes, (o, v) => o with { MaxQueuedBytes = v })
            with { Range = QueueBounds.Minimum + Setting.RangeDash + K.MaxSendQueueBytes },
        Setting.Millis(
            K.HandshakeTimeoutMs, "the request head must arrive within this (slowloris guard)",
            100, MaxMillis, o => o.HandshakeTimeout, (o, v) => o with { HandshakeTimeout = v }) with { Live = true },
        Setting.Int(
            K.MaxPendingHandshakes, "sockets in the handshake at once",
            1, 1_000_000, o => o.MaxPendingHandshakes, (o, v) => o with { MaxPendingHandshakes = v }),
        Setting.Origins(
            K.AllowedOrigins, "comma-separated allowed `Origin`s, each `scheme://host[:port]`; empty = any (warned at start)",
            o => o.AllowedOrigins, (o, v) => o with { AllowedOrigins = v }) with { Live = true },
        Setting.Addresses(
            K.TrustedProxies,
            "peers whose `X-Forwarded-For`/`X-Forwarded-Proto` are believed; empty = none (the systemd unit sets `127.0.0.1,::1` for Apache, nginx or Caddy on the same host; an `X-Forwarded-For` seen while it is empty is warned about once)",
            o => o.TrustedProxies, (o, v) => o with { TrustedProxies = v }) with { Live = true },
        Setting.Flag(
            K.RequireForwardedTls, "`true`: refuse (403) upgrades not from a trusted proxy with `X-Forwarded-Proto: https`",
            o => o.RequireForwardedTls, (o, v) => o with { RequireForwardedTls = v }) with { Live = true },
        Setting.Choice(
            K.ErrorLanguage, "`auto` (English; Russian on `/signal`), `en` or `ru`",
            SettingChoices.Languages, o => o.ErrorLanguage, (o, v) => o with { ErrorLanguage = v }),
        Setting.Flag(
            K.SelfTestPage, "serve the call self-test page on a plain `GET /`",
            o => o.SelfTestPage, (o, v) => o with { SelfTestPage = v }) with { Live = true },
        Setting.List(
            K.StunUrls, "comma-separated `stun:`/`stuns:` URLs (RFC 7064) sent to clients in `ice-servers`; empty = none",
            o => o.StunUrls, (o, v) => o with { StunUrls = v }) with { Live = true },
        Setting.List(
            K.TurnUrls, "comma-separated `turn:`/`turns:` URLs (RFC 7065, `?transport=udp` or `tcp` allowed) sent with short-lived credentials; needs a secret ([docs/turn.md](docs/turn.md))",
            o => o.TurnUrls, (o, v) => o with { TurnUrls = v }) with { Live = true },
        Setting.Text(
            K.TurnSecret, "coturn's `static-auth-secret` (`use-auth-secret`); never logged",
            o => o.TurnSecret, (o, v) => o with { TurnSecret = v }) with { Secret = true, Live = true },
        Setting.Text(
            K.TurnSecretFile, "a file holding that secret instead (refused when open to others), read at start and on every reload (e.g. systemd `LoadCredential=`); setting both is an error",
            o => o.TurnSecretFile, (o, v) => o with { TurnSecretFile = v }) with { Live = true },
        Setting.Int(
            K.TurnTtlSeconds, "seconds TURN credentials stay valid; clients get fresh ones before they expire",
            MinTurnTtlSeconds, MaxTurnTtlSeconds, o => o.TurnTtlSeconds, (o, v) => o with { TurnTtlSeconds = v }) with { Live = true },
        Setting.Text(
            K.AdminToken, "bearer token for `/rooms` and `/health` room details; empty disables them",
            o => o.AdminToken, (o, v) => o with { AdminToken = v }) with { Secret = true, Live = true },
        Setting.Text(
            K.RoomSecret, "when set (16 characters or more), every join needs a room token signed with it (`homecall invite`); empty = rooms open to anyone who knows their name",
            o => o.RoomSecret, (o, v) => o with { RoomSecret = v }) with { Secret = true, Live = true },
        Setting.Text(
            K.RoomSecretFile, "a file holding the room secret instead of `ROOM_SECRET` (read at start and on every reload; not both)",
            o => o.RoomSecretFile, (o, v) => o with { RoomSecretFile = v }) with { Live = true },
        Setting.Text(
            K.AuthWebhookUrl, "`http(s)` URL asked (POST) whether a join without a valid room token may proceed; empty = not asked",
            o => o.AuthWebhookUrl, (o, v) => o with { AuthWebhookUrl = v }) with { Secret = true, Live = true },
        Setting.Millis(
            K.AuthWebhookTimeoutMs, "a webhook answer later than this refuses the join",
            100, MaxWebhookMillis, o => o.AuthWebhookTimeout, (o, v) => o with { AuthWebhookTimeout = v }) with { Live = true },
        Setting.Millis(
            K.AuthWebhookCacheMs, "how long a webhook answer is reused for the same request; `0` = ask every time",
            0, MaxWebhookCacheMillis, o => o.AuthWebhookCache, (o, v) => o with { AuthWebhookCache = v }) with { Live = true },
        Setting.Text(
            K.FingerprintKeyFile,
            "secret key of the `room=` fingerprints in logs, created on first start (mode 0600); empty = `$STATE_DIRECTORY/fingerprint.key`, else `$XDG_STATE_HOME/homecall/fingerprint.key`, else `~/.local/state/homecall/fingerprint.key`",
            o => o.FingerprintKeyFile, (o, v) => o with { FingerprintKeyFile = v }),
        Setting.Text(
            K.LogDir, "directory for daily rolling log files; empty = console only",
            o => o.LogDir, (o, v) => o with { LogDir = v }),
        Setting.Int(
            K.LogRetainedFiles, "daily log files kept",
            1, 3650, o => o.LogRetainedFiles, (o, v) => o with { LogRetainedFiles = v }),
        Setting.Choice(
            K.LogLevel, "`verbose`, `debug`, `information`, `warning`, `error`, `fatal`",
            SettingChoices.LogLevels, o => o.LogLevel, (o, v) => o with { LogLevel = v }) with { Live = true },
    ];
}
