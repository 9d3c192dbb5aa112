using System.Text.RegularExpressions;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Repository;

/// <summary>
/// The daemon's folders depend on each other without a cycle, and docs/architecture.md's folder
/// table says which folders each one uses, as the code does.
/// </summary>
public sealed partial class FolderDependencyTests
{
    [Test]
    public void DaemonFolders_NameEachOther_WithoutACycle()
    {
        var cycle = FolderGraph.FindCycle(FolderGraph.OfDaemon());

        Assert.That(cycle, Is.Null, "folder cycle: " + string.Join(" → ", cycle ?? []));
    }

    [Test]
    public void FindCycle_GraphWithACycle_NamesItsFolders()
    {
        var graph = new Dictionary<string, SortedSet<string>>
        {
            ["Config"] = ["Rooms"],
            ["Logging"] = ["Config"],
            ["Rooms"] = ["Transport"],
            ["Transport"] = ["Config", "Logging"],
        };

        Assert.That(FolderGraph.FindCycle(graph), Is.EqualTo(new[] { "Config", "Rooms", "Transport", "Config" }));
    }

    [Test]
    public void FindCycle_GraphWithoutACycle_IsNull()
    {
        var graph = new Dictionary<string, SortedSet<string>>
        {
            ["Config"] = ["Protocol"],
            ["Protocol"] = [],
            ["Rooms"] = ["Protocol", "Transport"],
            ["Transport"] = ["Config"],
        };

        Assert.That(FolderGraph.FindCycle(graph), Is.Null);
    }

    [Test]
    public void ArchitectureTable_UsesColumn_NamesTheFoldersEachFolderUses()
    {
        var graph = FolderGraph.OfDaemon();
        var rows = File.ReadLines(RepoPaths.File("docs", "architecture.md"))
            .Select(line => TableRow().Match(line)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["folder"].Value, m => m.Groups["uses"].Value, StringComparer.Ordinal);

        Assert.That(rows.Keys, Is.EquivalentTo(graph.Keys), "one row per folder of HomeCall.Daemon/");
        foreach (var (folder, uses) in rows.Where(r => !r.Value.Contains("everything", StringComparison.Ordinal)))
        {
            var said = BacktickedName().Matches(uses).Select(m => m.Groups[1].Value).Where(graph.ContainsKey);
            Assert.That(said, Is.EquivalentTo(graph[folder]), $"docs/architecture.md: what {folder}/ uses");
        }
    }

    /// <summary>A row of the folder table: | `Folder/` | what it holds | uses |.</summary>
    [GeneratedRegex(@"^\| `(?<folder>[A-Za-z]+)/` \|.*\| (?<uses>[^|]+) \|$")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"`([A-Za-z]+)`")]
    private static partial Regex BacktickedName();
}
