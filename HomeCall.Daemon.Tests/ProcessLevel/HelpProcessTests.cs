using System.Globalization;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>--help as an admin reads it, and `homecall man` from the built binary.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HelpProcessTests
{
    [Test]
    public async Task Help_Prints_ExitCodesWhereTheConfigLivesAndWhatFingerprintIsFor()
    {
        using var daemon = await DaemonProcess.RunAsync(["--help"]);

        Assert.That(daemon.ExitCode, Is.Zero);
        var help = string.Join('\n', daemon.Stdout);
        Assert.That(help, Does.Contain("reads /etc/homecall/homecall.env"));
        Assert.That(help, Does.Contain("`homecall --check-config`\nwithout --env-file checks that file as the service gets it"));
        Assert.That(help, Does.Contain("so support staff can find the room's lines in the logs"));
        var exitCodes = help[help.IndexOf("Exit codes:", StringComparison.Ordinal)..];
        Assert.That(
            exitCodes.Split('\n').Where(l => l.Length > 2 && char.IsDigit(l[2])).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]),
            Is.EqualTo(ExitCodes.All.Select(e => e.Code.ToString(CultureInfo.InvariantCulture))));
    }

    [Test]
    public async Task Man_EnvPage_PrintsRoffWithTheBinarysVersion()
    {
        using var daemon = await DaemonProcess.RunAsync(["man", "homecall.env"]);

        Assert.That(daemon.ExitCode, Is.Zero, daemon.Output);
        Assert.That(daemon.Stdout[0], Is.EqualTo($".TH \"HOMECALL.ENV\" \"5\" \"\" \"homecall {DaemonHost.Version}\" \"File Formats\""));
    }

    [Test]
    public async Task Man_UnknownPage_Exits64()
    {
        using var daemon = await DaemonProcess.RunAsync(["man", "homecall.conf"]);

        Assert.That(daemon.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(daemon.Stderr, Has.Some.Contains("no manual page 'homecall.conf'"));
    }
}
