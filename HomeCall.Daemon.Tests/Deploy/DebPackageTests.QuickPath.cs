using System.Text.RegularExpressions;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// docs/deploy.md "Quick path: the .deb" (which DebQuickPathTests walks): the issue's "at most 8
/// documented steps" for each of Apache, nginx and Caddy, and every file it tells the admin to
/// copy from /usr/share/doc/homecall is in the package built here.
/// </summary>
public sealed partial class DebPackageTests
{
    private const int MaxQuickPathSteps = 8;
    private const string QuickPathHeading = "## Quick path: the .deb";

    [Test]
    public async Task DeployDocs_QuickPath_AtMostEightStepsPerProxyEveryDocPathInThePackage()
    {
        var section = QuickPathSection();
        var listing = await ProcessRunner.RunAsync("dpkg-deb", ["--contents", _deb]);
        var packaged = listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].TrimStart('.')).ToHashSet();

        var proxies = section.Split("\n### ").Skip(1).ToDictionary(p => p[..p.IndexOf('\n', StringComparison.Ordinal)], p => NumberedStep().Count(p));
        var docPaths = DocPath().Matches(section).Select(m => m.Value.TrimEnd('.', ',')).Distinct().ToArray();

        Assert.That(proxies.Keys, Is.EqualTo(new[] { "Apache", "nginx", "Caddy" }));
        Assert.That(proxies.Values, Is.All.InRange(1, MaxQuickPathSteps), string.Join(", ", proxies));
        Assert.That(docPaths, Has.Length.GreaterThanOrEqualTo(3), "each proxy's site is copied from the package");
        Assert.That(docPaths.Where(p => !packaged.Contains(p)), Is.Empty, "named in the quick path but not in the package");
    }

    /// <summary>From its heading to the next second-level heading.</summary>
    private static string QuickPathSection()
    {
        var text = File.ReadAllText(RepoPaths.File("docs", "deploy.md"));
        var start = text.IndexOf(QuickPathHeading + "\n", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "docs/deploy.md has no section " + QuickPathHeading);
        var end = text.IndexOf("\n## ", start + QuickPathHeading.Length, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    [GeneratedRegex(@"^\d+\. ", RegexOptions.Multiline)]
    private static partial Regex NumberedStep();

    [GeneratedRegex(@"/usr/share/doc/homecall/[A-Za-z0-9._-]+")]
    private static partial Regex DocPath();
}
