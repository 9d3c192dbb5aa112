using System.Text;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;

namespace HomeCall.Daemon.Manual;

/// <summary>The prose sections of homecall(1) (README.md and docs/deploy.md say the same at length).</summary>
internal static class HomecallPageText
{
    public static void Description(StringBuilder page)
    {
        page.Append(".SH DESCRIPTION\n");
        Paragraphs(
            page,
            "`homecall` is a WebRTC signaling server. Browsers connect to it over WebSocket, usually through a TLS reverse proxy; " +
            "it puts them in rooms and relays SDP offers, answers and ICE candidates between them. No media passes through it " +
            "and it stores nothing: rooms live in memory only.",
            "One port speaks four dialects: homecall (rooms named by a code word), mesh and numeric on `/`, and 1:1 sessions on `/signal`. " +
            "`GET /health` reports the counts, `GET /metrics` is in Prometheus text format, `GET /rooms` needs `ADMIN_TOKEN`, " +
            "and a plain `GET /` serves a call self-test page.",
            $"Under systemd it runs as `{ServicePaths.Unit}` (`Type=notify`): it says `READY=1` once it listens, keeps the watchdog fed " +
            "and shows its counts as the unit's status.");
    }

    public static void Commands(StringBuilder page)
    {
        page.Append(".SH COMMANDS\n");
        Tagged(page, "homecall", "Run the daemon in the foreground until SIGTERM or SIGINT, logging to stderr (and to daily files in `LOG_DIR` when set).");
        Tagged(
            page,
            "homecall fingerprint ROOM",
            "Logs never name a room, only `room=` and 8 hex digits: an HMAC of the dialect and room id keyed with this install's secret key. " +
            "This prints that name for the room a user names, so support staff can find the room's lines in the logs " +
            $"(`grep room=$(homecall fingerprint ...)`). For the service's key, run it as root with `--key-file {ServicePaths.KeyFile}`. " +
            "It reads the key as the daemon finds it and never creates one; exit status 78 when the key file cannot be used.");
        Tagged(
            page,
            "homecall man PAGE",
            $"Print the manual page `{HomecallPage.Name}` (this page) or `{EnvFilePage.Name}` in man(7) format: `homecall man homecall.env | man -l -`. " +
            "The installed pages were made this way, from the tables the binary itself uses.");
    }

    public static void Environment(StringBuilder page)
    {
        page.Append(".SH ENVIRONMENT\n");
        Paragraphs(
            page,
            "Every setting of homecall.env(5) may come from the environment, above the `--env-file` and below the flags: " +
            string.Join(", ", Settings.All.Select(s => $"`{s.Key}`")) + $"; `{SettingKeys.PortFallback}` is read when `{SettingKeys.Port}` is unset.");
        Tagged(page, "STATE_DIRECTORY", "Set by systemd for `StateDirectory=`: the fingerprint key is created there when `FINGERPRINT_KEY_FILE` is empty; else under `XDG_STATE_HOME`, else `HOME`.");
        Tagged(page, $"{SystemdNotifier.SocketVariable}, {SystemdNotifier.WatchdogUsecVariable}, {SystemdNotifier.WatchdogPidVariable}", "Set by systemd for `Type=notify` and `WatchdogSec=` (sd_notify(3)).");
        Tagged(page, InlineSocketCompletions.Variable, "`1` (set at start unless the environment sets it) runs socket completions on the runtime's event threads; `0` hands them to the thread pool.");
    }

    public static void Files(StringBuilder page)
    {
        page.Append(".SH FILES\n");
        Tagged(page, ServiceEnvFile.Path, "The service's settings (homecall.env(5)).");
        Tagged(page, ServicePaths.KeyFile, "The secret key of the room fingerprints, created by the service's first start (mode 0600, owned by the service's system user `homecall`).");
        Tagged(page, ServicePaths.LogDir + "/homecall-YYYYMMDD.log", "Daily log files (the unit sets `LOG_DIR`), mode 0640 in a directory `homecall:adm` 2750, so group `adm` reads them; `journalctl -u homecall` has the same lines.");
        Tagged(page, ServicePaths.Unit, "The systemd unit: `/lib/systemd/system` from the package, `/usr/local/lib/systemd/system` after `make install`.");
    }

    public static void Signals(StringBuilder page)
    {
        page.Append(".SH SIGNALS\n");
        Tagged(
            page,
            "SIGTERM, SIGINT",
            "Graceful shutdown: stop accepting, send every client the error `shutting-down` and close 1001, wait up to `SHUTDOWN_GRACE_MS` " +
            "for them to answer, exit 0. A second one while draining ends the process at once.");
        Tagged(
            page,
            "SIGHUP",
            "Reload (`systemctl reload homecall`): read the settings again from the same sources and apply, without dropping anyone, " +
            "those homecall.env(5) marks as applied on reload; any other changed setting is logged as needing a restart and keeps its running value. " +
            "A file with an invalid setting is refused whole and the running settings stay.");
    }

    private static void Paragraphs(StringBuilder page, params string[] paragraphs) =>
        page.Append(string.Join(".PP\n", paragraphs.Select(p => Roff.Text(p) + "\n")));

    /// <summary>A .TP entry: the tag in bold (placeholders in a usage tag in italics), the body below it.</summary>
    private static void Tagged(StringBuilder page, string tag, string body) =>
        page.Append(".TP\n").Append(tag.StartsWith("homecall", StringComparison.Ordinal) ? Roff.Usage(tag) : Roff.Bold(tag)).Append('\n')
            .Append(Roff.Text(body)).Append('\n');
}
