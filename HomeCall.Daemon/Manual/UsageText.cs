using System.Globalization;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;

namespace HomeCall.Daemon.Manual;

/// <summary>What --help prints (and a command-line error after its message); homecall(1) says the same at length.</summary>
internal static class UsageText
{
    /// <summary>Column where an exit code's meaning starts.</summary>
    private const int ExitCodeIndent = 8;

    public const string Synopsis = """
        Usage:
          homecall [--host ADDR] [--port N] [--env-file PATH] [--log-level LEVEL] [--key-file PATH]
          homecall --check-config [--env-file PATH] [...]   print the effective settings, exit 0 or 78
          homecall fingerprint ROOM [--dialect homecall|mesh|numeric|session] [--env-file PATH] [--key-file PATH]
          homecall invite ROOM [--dialect D] [--user NAME] [--ttl 24h] [--create N] [--base-url URL] [--env-file PATH]
          homecall invite --self-test [--ttl 1h] [--base-url URL]    a link to the self-test page
          homecall invite --check TOKEN [--env-file PATH]            explain a token; exit 0 when valid
          homecall man homecall|homecall.env                print a manual page (roff: pipe it to man -l -)
          homecall --version | --help
        """;

    private const string Body = $"""
        An option's value may also follow '=' (--port=9000).

        Settings come from built-in defaults < --env-file < environment < flags. The service
        reads {ServiceEnvFile.Path} (the unit's EnvironmentFile=); `homecall --check-config`
        without --env-file checks that file as the service gets it, and
        `systemctl reload homecall` (SIGHUP) applies what can change without a restart.
        homecall.env(5) describes every setting and its default.

        fingerprint: logs never name a room, only room=<8 hex digits>, an HMAC keyed with
        this install's secret key. `homecall fingerprint ROOM` prints that name for a room a
        user names, so support staff can find the room's lines in the logs; for the service's
        key run it as root with --key-file {ServicePaths.KeyFile}. It never creates a key.
        Without --dialect a UUID is a /signal session id, anything else a homecall room:
        numeric and mesh rooms need --dialect.

        invite prints a room token signed with ROOM_SECRET (or ROOM_SECRET_FILE) and a link
        carrying it. ROOM '*' is any room of the dialect, 'word*' any room starting so.
        --ttl takes s, m, h or d (default 24h); --create N lets the token create at most N
        rooms (0 = join only; without it, no limit); --user binds it to one user name.
        """;

    public static string Text { get; } = Render();

    private static string Render()
    {
        var codes = ExitCodes.All.Select(e => TextWrap.Hanging("  " + e.Code.ToString(CultureInfo.InvariantCulture), e.Meaning, ExitCodeIndent));
        return Synopsis + "\n\n" + Body + "\n\nExit codes:\n" + string.Join('\n', codes);
    }
}
