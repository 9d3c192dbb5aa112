using System.Text;
using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Manual;

/// <summary>
/// homecall.env(5): the file's syntax and every setting, straight from <see cref="Settings.All"/>
/// (meaning, default, valid values), so the page cannot drift from what the daemon reads.
/// </summary>
internal static class EnvFilePage
{
    public const string Name = "homecall.env";

    public static string Render(string version)
    {
        var page = new StringBuilder();
        ManualSections.Header(page, "HOMECALL.ENV", 5, version, "File Formats");
        ManualSections.Name(page, Name, "settings of the HomeCall signaling daemon");
        page.Append(".SH SYNOPSIS\n").Append(Roff.Text(ServiceEnvFile.Path)).Append('\n');
        Description(page);
        Syntax(page);
        page.Append(".SH SETTINGS\n");
        foreach (var setting in Settings.All)
        {
            Entry(page, setting);
        }

        Example(page);
        page.Append(".SH FILES\n.TP\n").Append(Roff.Bold(ServiceEnvFile.Path)).Append('\n')
            .Append(Roff.Text("The settings of the service; mode 0640, root only (`ADMIN_TOKEN` is a secret). " +
                "The package keeps it on remove and deletes it on purge; `make install` never overwrites it.")).Append('\n')
            .Append(".TP\n").Append(Roff.Bold("homecall.env.example")).Append('\n')
            .Append(Roff.Text("The sample of the installed version, every line commented out, in the documentation directory " +
                "(`/usr/share/doc/homecall` from the package, `/usr/local/share/doc/homecall` after `make install`): " +
                "compare it with your file after an upgrade.")).Append('\n');
        ManualSections.SeeAlso(page, "homecall(1)", "systemd.exec(5)", "systemctl(1)");
        return page.ToString();
    }

    private static void Description(StringBuilder page) =>
        page.Append(".SH DESCRIPTION\n")
            .Append(Roff.Text("The HomeCall daemon reads its settings from the environment. The service gets them from this file " +
                $"through `EnvironmentFile={ServiceEnvFile.Path}` in `{ServicePaths.Unit}`; `homecall --env-file` reads a file itself, " +
                "parsed exactly as systemd 252 parses an `EnvironmentFile=`, so a check sees the values the service will be given.")).Append('\n')
            .Append(".PP\n")
            .Append(Roff.Text("Precedence, lowest to highest: built-in defaults, the file given with `--env-file`, the process environment, " +
                "then the flags `--host`, `--port`, `--log-level` and `--key-file`. " +
                "An invalid value stops the daemon before it binds anything (exit status 78), every problem listed on stderr.")).Append('\n')
            .Append(".PP\n")
            .Append(Roff.Text($"`homecall --check-config` without `--env-file` reads `{ServiceEnvFile.Path}` when it exists, with what the unit sets itself " +
                "beneath it (" + string.Join(", ", ServiceEnvFile.UnitEnvironment.Select(kv => $"`{kv.Key}={kv.Value}`")) + "; a line in the file overrides them). " +
                "`systemctl reload homecall` (SIGHUP) reads the file again and applies the settings marked below as applied on reload; " +
                "the others need `systemctl restart homecall`. A setting removed from the file goes back to its default.")).Append('\n')
            .Append(".PP\n")
            .Append(Roff.Text("Other keys are ignored (the file may serve other programs too), but one within two letters of a setting " +
                "(`MAX_CONECTIONS`) is named, with the setting it probably meant, by `--check-config` and as a warning at start.")).Append('\n');

    private static void Syntax(StringBuilder page)
    {
        page.Append(".SS Syntax\n");
        Bullet(page, "A comment is a whole line whose first non-blank character is `#` or `;`. There are no comments after a value: `MAX_CONNECTIONS=100 # max` sets `100 # max`, which is refused.");
        Bullet(page, "Backslashes are escapes outside single quotes: `ADMIN_TOKEN=ab\\cd` sets `abcd`. A backslash at the end of a line joins the next line to the value; at the end of a comment line it makes the next line comment too.");
        Bullet(page, "Quote a value that holds `#`, backslashes or edge blanks. Quotes count only at the start of a value. In `'...'` everything is literal; in `\"...\"` a backslash escapes only `\"`, `\\`, `$`, a backtick and the end of a line.");
        Bullet(page, "No `export`: `export WS_PORT=9000` is not a variable name to systemd, which ignores it.");
        Bullet(page, "A file with a NUL byte, or a key or value that is not UTF-8, is refused: systemd would not start the unit. Lines systemd ignores are named on stderr by `--check-config` and as warnings at start.");
    }

    private static void Entry(StringBuilder page, SettingDefinition setting)
    {
        page.Append(".TP\n").Append(Roff.Bold(setting.Key)).Append('\n')
            .Append(Roff.Text(Sentence(setting.Doc))).Append('\n')
            .Append(".br\n")
            .Append(Roff.Text(setting.Default.Length == 0 ? "Default: empty." : $"Default: `{setting.Default}`."))
            .Append(ValidValues(setting.Range) is { } valid ? " " + Roff.Text($"Valid: {valid}.") : "").Append('\n');
        page.Append(Roff.Text(setting.Live ? "Applied on reload (SIGHUP)." : "Needs a restart.")).Append('\n');
        if (setting.Secret)
        {
            page.Append(Roff.Text($"A secret: `--check-config` and the start log show `{OptionsPrinter.Masked}` when it is set.")).Append('\n');
        }
    }

    /// <summary>The range as a reader wants it; any text is valid for a plain string.</summary>
    private static string? ValidValues(string range) => range switch
    {
        "string" => null,
        "bool" => "`true` or `false`",
        "comma list" => "a comma-separated list",
        "IP list" => "comma-separated IP addresses",
        _ => range,
    };

    private static void Example(StringBuilder page) =>
        page.Append(".SH EXAMPLE\n")
            .Append(Roff.Text("Behind a TLS reverse proxy on the same host:")).Append('\n')
            .Append(".PP\n.nf\n.RS 4\n")
            .Append(Roff.Text("WS_HOST=127.0.0.1")).Append('\n')
            .Append(Roff.Text("WS_PORT=8080")).Append('\n')
            .Append(Roff.Text("REQUIRE_FORWARDED_TLS=true")).Append('\n')
            .Append(Roff.Text("ALLOWED_ORIGINS=https://call.example.org")).Append('\n')
            .Append(Roff.Text("ADMIN_TOKEN='a long random string'")).Append('\n')
            .Append(".RE\n.fi\n");

    private static void Bullet(StringBuilder page, string markdown) =>
        page.Append(".IP \\(bu 2\n").Append(Roff.Text(markdown)).Append('\n');

    /// <summary>The README cells start in lower case and end without a stop; the page prints them as sentences.</summary>
    private static string Sentence(string doc) =>
        (doc.StartsWith('`') ? doc : char.ToUpperInvariant(doc[0]) + doc[1..]) + ".";
}
