using System.Globalization;
using System.Text;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;

namespace HomeCall.Daemon.Manual;

/// <summary>
/// homecall(1): synopsis, options and exit statuses come from the tables the binary itself
/// uses (<see cref="UsageText"/>, <see cref="CommandLineOptions"/>, <see cref="ExitCodes"/>).
/// </summary>
internal static class HomecallPage
{
    public const string Name = "homecall";

    public static string Render(string version)
    {
        var page = new StringBuilder();
        ManualSections.Header(page, "HOMECALL", 1, version, "User Commands");
        ManualSections.Name(page, Name, "WebRTC signaling daemon for home and small-office servers");
        Synopsis(page);
        HomecallPageText.Description(page);
        HomecallPageText.Commands(page);
        Options(page);
        ExitStatus(page);
        HomecallPageText.Environment(page);
        HomecallPageText.Files(page);
        HomecallPageText.Signals(page);
        ManualSections.SeeAlso(page, "homecall.env(5)", "systemd.exec(5)", "systemctl(1)", "journalctl(1)");
        return page.ToString();
    }

    /// <summary>
    /// The usage lines of --help without their trailing remarks, each filled to the page width and
    /// continued under its first argument (the indent is the width of "homecall ").
    /// </summary>
    private static void Synopsis(StringBuilder page)
    {
        var indent = (Name.Length + 1).ToString(CultureInfo.InvariantCulture) + "n";
        page.Append(".SH SYNOPSIS\n.in +").Append(indent).Append('\n');
        foreach (var line in UsageText.Synopsis.Split('\n').Skip(1))
        {
            var text = line.Trim();
            var remark = text.IndexOf("   ", StringComparison.Ordinal);
            page.Append(".ti -").Append(indent).Append('\n').Append(Roff.Usage(remark < 0 ? text : text[..remark])).Append("\n.br\n");
        }

        page.Append(".in\n");
    }

    private static void Options(StringBuilder page)
    {
        page.Append(".SH OPTIONS\n")
            .Append(Roff.Text("An option's value may also follow `=` (`--port=9000`).")).Append('\n');
        foreach (var option in CommandLineOptions.All)
        {
            page.Append(".TP\n").Append(Roff.Bold(option.Name));
            if (option.Argument is { } argument)
            {
                page.Append(' ').Append(Roff.Italic(argument));
            }

            page.Append('\n').Append(Roff.Text(option.Doc)).Append('\n');
        }
    }

    private static void ExitStatus(StringBuilder page)
    {
        page.Append(".SH \"EXIT STATUS\"\n");
        foreach (var exit in ExitCodes.All)
        {
            page.Append(".TP\n").Append(Roff.Bold(exit.Code.ToString(CultureInfo.InvariantCulture))).Append('\n')
                .Append(Roff.Text(exit.Meaning)).Append('\n');
        }
    }
}
