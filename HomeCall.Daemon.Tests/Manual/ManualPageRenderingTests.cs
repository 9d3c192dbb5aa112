using System.Globalization;
using System.Text.RegularExpressions;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Manual;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Manual;

/// <summary>
/// The pages as man(1) shows them: no warnings from groff or man, and every setting, option
/// and exit status of the tables they are made from, in their order.
/// </summary>
public sealed partial class ManualPageRenderingTests
{
    /// <summary>Wide enough that no entry of either page wraps, so each reads as one line.</summary>
    private const int UnwrappedWidth = 1000;

    private const int TerminalWidth = 80;

    private DirectoryInfo _work = null!;

    [OneTimeSetUp]
    public void CreateWork() => _work = Directory.CreateTempSubdirectory("homecall-man-");

    [OneTimeTearDown]
    public void DeleteWork() => _work?.Delete(recursive: true);

    [TestCase(HomecallPage.Name)]
    [TestCase(EnvFilePage.Name)]
    public async Task Page_Groff_NoWarnings(string name)
    {
        var groff = SystemTools.Require("groff", "groff-base");

        var result = await ProcessRunner.RunAsync(groff, ["-man", "-ww", "-z", Write(name)]);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Is.Empty);
    }

    [TestCase(HomecallPage.Name)]
    [TestCase(EnvFilePage.Name)]
    public async Task Page_ManDashL_RendersWithoutWarnings(string name)
    {
        SystemTools.Require("man", "man-db");

        // Only man's and groff's stderr is kept: the rendered page goes to /dev/null.
        var result = await ProcessRunner.RunAsync(
            "sh", ["-c", "man --warnings -E UTF-8 -l \"$1\" >/dev/null", "sh", Write(name)],
            environment: new Dictionary<string, string> { ["MANWIDTH"] = TerminalWidth.ToString(CultureInfo.InvariantCulture) });

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Is.Empty);
    }

    [Test]
    public async Task EnvFilePage_Rendered_EverySettingWithItsMeaningDefaultAndReloadInTableOrder()
    {
        var lines = await RenderAsync(EnvFilePage.Name);
        var settings = Section(lines, "SETTINGS");

        Assert.That(settings.Where(l => Settings.All.Any(s => s.Key == l)), Is.EqualTo(Settings.All.Select(s => s.Key)));
        Assert.Multiple(() =>
        {
            foreach (var s in Settings.All)
            {
                var at = settings.IndexOf(s.Key);
                // As read: no backticks, a markdown link shown as its text.
                var meaning = MarkdownLink().Replace(s.Doc, "$1").Replace("`", "", StringComparison.Ordinal);
                Assert.That(settings[at + 1], Does.Contain(meaning[1..]), s.Key);
                Assert.That(settings[at + 2], Does.StartWith(s.Default.Length == 0 ? "Default: empty." : $"Default: {s.Default}."), s.Key);
                Assert.That(settings[at + 2], Does.Contain(s.Live ? "Applied on reload (SIGHUP)." : "Needs a restart."), s.Key);
            }
        });
    }

    [Test]
    public async Task HomecallPage_Rendered_EveryOptionAndExitStatusWithItsMeaning()
    {
        var lines = await RenderAsync(HomecallPage.Name);
        var options = Section(lines, "OPTIONS");
        var exits = Section(lines, "EXIT STATUS");

        Assert.Multiple(() =>
        {
            foreach (var o in CommandLineOptions.All)
            {
                // A tag shorter than the indent shares its line with the text (man(7) .TP).
                var tag = o.Argument is null ? o.Name : o.Name + " " + o.Argument;
                Assert.That(options.Any(l => l == tag || l.StartsWith(tag + " ", StringComparison.Ordinal)), Is.True, o.Name);
            }

            foreach (var e in ExitCodes.All)
            {
                var code = e.Code.ToString(CultureInfo.InvariantCulture);
                Assert.That(exits.Any(l => l.StartsWith(code + " ", StringComparison.Ordinal) && l.EndsWith(e.Meaning, StringComparison.Ordinal)), Is.True, code);
            }
        });
    }

    [Test]
    public async Task HomecallPage_Rendered_SynopsisIsTheUsageOfHelp()
    {
        var lines = await RenderAsync(HomecallPage.Name);

        var usage = UsageText.Synopsis.Split('\n').Skip(1).Select(l => l.Trim().Split("   ")[0]);
        Assert.That(Section(lines, "SYNOPSIS"), Is.EqualTo(usage));
    }

    /// <summary>The page through man, trimmed lines, blank ones dropped.</summary>
    private async Task<List<string>> RenderAsync(string name)
    {
        SystemTools.Require("man", "man-db");
        var result = await ProcessRunner.RunAsync(
            "man", ["-E", "UTF-8", "-l", Write(name)],
            environment: new Dictionary<string, string> { ["MANWIDTH"] = UnwrappedWidth.ToString(CultureInfo.InvariantCulture) });
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        return result.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }

    /// <summary>The lines under a section heading (flush left in the rendering, so trimmed it is the whole line) up to the next one.</summary>
    private static List<string> Section(List<string> lines, string heading)
    {
        var start = lines.IndexOf(heading);
        Assert.That(start, Is.Not.Negative, "no section " + heading);
        var rest = lines.Skip(start + 1);
        return rest.TakeWhile(l => !IsHeading(l)).ToList();
    }

    private static bool IsHeading(string line) =>
        line.Length > 1 && line.All(c => char.IsUpper(c) || c == ' ') && line.Any(char.IsLetter);

    private string Write(string name)
    {
        var path = Path.Combine(_work.FullName, name + ".roff");
        File.WriteAllText(path, ManualPages.ByName[name](DaemonHost.Version));
        return path;
    }

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]+\)")]
    private static partial Regex MarkdownLink();
}
