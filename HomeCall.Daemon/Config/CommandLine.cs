using HomeCall.Daemon.Protocol;
using K = HomeCall.Daemon.Config.SettingKeys;

namespace HomeCall.Daemon.Config;

/// <summary>Parses the daemon's command line (pure; the options are listed in <see cref="CommandLineOptions"/>).</summary>
internal static class CommandLine
{
    public static CommandLineRequest Parse(IReadOnlyList<string> args)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var mode = CommandMode.Run;
        string? envFile = null;
        var positional = new List<string>();
        string? dialect = null;
        var invite = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var i = 0; i < args.Count; i++)
        {
            // "--port=9000" is "--port 9000", as GNU tools and systemd units often write it.
            var arg = args[i];
            string? inline = null;
            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            if (equals > 0)
            {
                inline = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            string Next()
            {
                if (inline is not null)
                {
                    var value = inline;
                    inline = null;
                    return value;
                }

                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                errors.Add($"{arg} needs a value");
                return "";
            }

            switch (arg)
            {
                case "--host": overrides[K.Host] = Next(); break;
                case "--port": overrides[K.Port] = Next(); break;
                case "--log-level": overrides[K.LogLevel] = Next(); break;
                case "--key-file": overrides[K.FingerprintKeyFile] = Next(); break;
                case "--env-file": envFile = Next(); break;
                case "--dialect": dialect = Next(); break;
                case "--user" or "--ttl" or "--create" or "--base-url" or "--check": invite[arg] = Next(); break;
                case "--self-test": invite[arg] = ""; break;
                case "--check-config": mode = CommandMode.CheckConfig; break;
                case "--version": mode = CommandMode.Version; break;
                case "--help" or "-h": mode = CommandMode.Help; break;
                case "fingerprint" when positional.Count == 0 && mode == CommandMode.Run: mode = CommandMode.Fingerprint; break;
                case "invite" when positional.Count == 0 && mode == CommandMode.Run: mode = CommandMode.Invite; break;
                case "man" when positional.Count == 0 && mode == CommandMode.Run: mode = CommandMode.Man; break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        errors.Add($"unknown option '{arg}'");
                        inline = null; // One error for it is enough.
                    }
                    else
                    {
                        positional.Add(arg);
                    }

                    break;
            }

            if (inline is not null)
            {
                errors.Add($"{arg} takes no value");
            }
        }

        var takesOne = mode is CommandMode.Fingerprint or CommandMode.Man;
        if (takesOne && positional.Count != 1)
        {
            errors.Add(mode == CommandMode.Man ? "man takes exactly one PAGE" : "fingerprint takes exactly one ROOM");
        }
        else if (!takesOne && mode != CommandMode.Invite && positional.Count > 0)
        {
            errors.Add($"unexpected argument '{positional[0]}'");
        }

        if (mode != CommandMode.Invite && invite.Count > 0)
        {
            errors.Add($"{invite.Keys.First()} is only for invite");
        }

        var argument = takesOne && positional.Count == 1 ? positional[0] : null;
        var parsedDialect = ParseDialect(dialect, errors);
        return new CommandLineRequest(mode, overrides, envFile, mode == CommandMode.Fingerprint ? argument : null, parsedDialect, errors)
        {
            ManPage = mode == CommandMode.Man ? argument : null,
            Invite = mode == CommandMode.Invite ? InviteRequest.Parse(positional, parsedDialect, invite, errors) : null,
        };
    }

    /// <summary>The --dialect given, or null when none was (the room's form then decides).</summary>
    private static Dialect? ParseDialect(string? name, List<string> errors)
    {
        if (name is null)
        {
            return null;
        }

        if (DialectNames.TryParse(name, out var dialect))
        {
            return dialect;
        }

        errors.Add($"--dialect must be homecall, mesh, numeric or session (got '{name}')");
        return null;
    }
}
