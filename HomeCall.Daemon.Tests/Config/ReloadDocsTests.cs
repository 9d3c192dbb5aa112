using System.Text.RegularExpressions;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Config;

/// <summary>README's "Reload" paragraph lists exactly the settings a reload applies live (<see cref="SettingDefinition.Live"/>).</summary>
public sealed partial class ReloadDocsTests
{
    private const string Start = "**Reload.**";
    private const string End = "Each change is logged";

    [Test]
    public void ReadmeReloadParagraph_LiveList_IsExactlyTheLiveSettings()
    {
        var readme = File.ReadAllText(RepoPaths.File("README.md"));
        var from = readme.IndexOf(Start, StringComparison.Ordinal);
        var to = readme.IndexOf(End, from, StringComparison.Ordinal);
        Assert.That(from, Is.GreaterThanOrEqualTo(0), "README has no " + Start + " paragraph");

        var named = KeyInBackticks().Matches(readme[from..to]).Select(m => m.Groups[1].Value).Where(SettingKeys.All.Contains);

        Assert.That(named, Is.EquivalentTo(Settings.All.Where(s => s.Live).Select(s => s.Key)));
    }

    [GeneratedRegex("`([A-Z_]+)`")]
    private static partial Regex KeyInBackticks();
}
