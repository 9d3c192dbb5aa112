using K = HomeCall.Daemon.Config.SettingKeys;

namespace HomeCall.Daemon.Config;

/// <summary>
/// Every option <see cref="CommandLine.Parse"/> accepts, in the order homecall(1) lists them.
/// CommandLineOptionsTests parse each one and check the usage names exactly these.
/// </summary>
internal static class CommandLineOptions
{
    public static IReadOnlyList<CommandLineOption> All { get; } =
    [
        new("--host", "ADDR", $"address to listen on; overrides `{K.Host}`"),
        new("--port", "N", $"port to listen on; overrides `{K.Port}`"),
        new("--env-file", "PATH",
            "read settings from PATH, parsed exactly as systemd parses the unit's `EnvironmentFile=` (homecall.env(5)); " +
            "without it the daemon reads no file (the service gets the file's settings through its environment)"),
        new("--log-level", "LEVEL", $"`verbose`, `debug`, `information`, `warning`, `error` or `fatal`; overrides `{K.LogLevel}`"),
        new("--key-file", "PATH", $"the room-fingerprint key file; overrides `{K.FingerprintKeyFile}`"),
        new("--dialect", "NAME",
            "with `fingerprint`: `homecall`, `mesh`, `numeric` or `session`; without it a UUID is a `/signal` session id and anything else a homecall room"),
        new("--user", "NAME", "with `invite`: the token admits only this user name"),
        new("--ttl", "DURATION", "with `invite`: how long the token is valid, in `s`, `m`, `h` or `d` (default `24h`; `1h` with `--self-test`)"),
        new("--create", "N", "with `invite`: the token may create at most N rooms (`0` = join only; without it, no limit)"),
        new("--base-url", "URL", "with `invite`: the WebSocket (or self-test page) URL the printed link starts with"),
        new("--self-test", null, "with `invite`: a token and link for the self-test page's own rooms"),
        new("--check", "TOKEN", "with `invite`: explain TOKEN (valid, expired or bad signature; room, dialect, user) and exit 0 when valid"),
        new("--check-config", null,
            "print the effective settings as `KEY=value` lines (secrets masked) and exit 0, or list every invalid one on stderr and exit 78; " +
            "lines systemd would ignore and likely misspelled keys are named on stderr. " +
            $"Without `--env-file` it reads `{ServiceEnvFile.Path}` when it exists, with the unit's own `Environment=` values beneath it, " +
            "so it prints what the service gets"),
        new("--version", null, "print `homecall` and the version"),
        new("--help", null, "print the usage, where the settings live and the exit codes (`-h` too)"),
    ];
}
