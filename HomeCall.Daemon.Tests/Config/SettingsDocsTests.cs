using System.Text.RegularExpressions;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Config;

/// <summary>
/// The docs that list settings (README.md's configuration table, homecall.env, docs/protocol.md
/// §10.2) agree with <see cref="Settings.All"/>, so none of them can drift from the code.
/// </summary>
public sealed partial class SettingsDocsTests
{
    private const string ReadmeHeader = "| setting | default | meaning |";
    private const string ProtocolLimitsHeading = "### 10.2 ";

    /// <summary>Listener and logging settings change nothing a client sees, so §10.2 leaves them out.</summary>
    private static readonly string[] NotProtocolLimits =
    [
        SettingKeys.Host, SettingKeys.Port, SettingKeys.FingerprintKeyFile, SettingKeys.LogDir,
        SettingKeys.LogRetainedFiles, SettingKeys.LogLevel,
    ];

    private static IEnumerable<string> Keys => Settings.All.Select(s => s.Key);

    [Test]
    public void All_Keys_AreUnique() =>
        Assert.That(Keys, Is.Unique);

    [Test]
    public void ReadmeTable_Keys_AreExactlyTheSettingsInOrder() =>
        Assert.That(ReadmeTableRows().Select(KeyOf), Is.EqualTo(Keys));

    [Test]
    public void ReadmeTable_EverySetting_RowHasItsDefaultAndDocLine()
    {
        var rows = ReadmeRows();
        Assert.Multiple(() =>
        {
            foreach (var s in Settings.All)
            {
                var expected = $"| `{s.Key}` | {(s.Default.Length == 0 ? "*(empty)*" : $"`{s.Default}`")} | {s.Doc} |";
                Assert.That(rows.GetValueOrDefault(s.Key), Is.EqualTo(expected), $"README.md configuration row of {s.Key}");
            }
        });
    }

    [Test]
    public void EnvFile_CommentedKeys_AreExactlyTheSettings()
    {
        var lines = EnvFileLines();
        var commented = lines.Select(l => CommentedSetting().Match(l)).Where(m => m.Success).Select(m => m.Groups["key"].Value);

        Assert.That(commented, Is.EquivalentTo(Keys), "homecall.env #KEY=default lines");
        Assert.That(lines.Where(l => ActiveSetting().IsMatch(l)), Is.Empty, "homecall.env ships every setting commented out");
    }

    [Test]
    public void EnvFile_EverySetting_CommentedDefaultWithCommentAbove()
    {
        var lines = EnvFileLines();
        Assert.Multiple(() =>
        {
            foreach (var s in Settings.All)
            {
                var at = Array.FindIndex(lines, l => l.StartsWith($"#{s.Key}=", StringComparison.Ordinal));
                Assert.That(at < 0 ? null : lines[at], Is.EqualTo($"#{s.Key}={s.Default}"), $"homecall.env line of {s.Key}");
                Assert.That(at < 0 ? null : CommentAbove(lines, at), Does.StartWith("# "), $"homecall.env comment above {s.Key}");
            }
        });
    }

    [Test]
    public void ProtocolLimitsTable_Keys_AreTheSettingsThatLimitTheProtocol() =>
        Assert.That(ProtocolTableRows().Select(KeyOf), Is.EquivalentTo(Keys.Except(NotProtocolLimits)));

    [Test]
    public void ProtocolLimitsTable_EveryRow_HasTheDefaultAndRange()
    {
        var rows = ProtocolRows();
        Assert.Multiple(() =>
        {
            foreach (var s in Settings.All.Where(s => rows.ContainsKey(s.Key)))
            {
                var cells = MarkdownTable.Cells(rows[s.Key]);
                Assert.That(ProtocolDefault(cells[1]), Is.EqualTo(s.Default), $"docs/protocol.md §10.2 default of {s.Key}");
                Assert.That(cells[2].Replace("`", "", StringComparison.Ordinal), Is.EqualTo(s.Range), $"docs/protocol.md §10.2 range of {s.Key}");
            }
        });
    }

    /// <summary>§10.2 writes numbers bare, words in backticks and an empty default as "*(empty…)*".</summary>
    private static string ProtocolDefault(string cell) =>
        cell.StartsWith("*(empty", StringComparison.Ordinal) ? "" : cell.Trim('`');

    /// <summary>The nearest line above that is not itself a setting line: a group's lines share one comment.</summary>
    private static string? CommentAbove(string[] lines, int index)
    {
        var i = index - 1;
        while (i >= 0 && CommentedSetting().IsMatch(lines[i]))
        {
            i--;
        }

        return i < 0 || lines[i].StartsWith("# ---", StringComparison.Ordinal) ? null : lines[i];
    }

    private static IReadOnlyList<string> ReadmeTableRows() =>
        MarkdownTable.RowsAfter(File.ReadAllText(RepoPaths.File("README.md")), ReadmeHeader);

    private static Dictionary<string, string> ReadmeRows() => ByKey(ReadmeTableRows());

    private static IReadOnlyList<string> ProtocolTableRows() =>
        MarkdownTable.RowsAfter(File.ReadAllText(RepoPaths.File("docs", "protocol.md")), ProtocolLimitsHeading);

    private static Dictionary<string, string> ProtocolRows() => ByKey(ProtocolTableRows());

    private static Dictionary<string, string> ByKey(IEnumerable<string> rows) =>
        rows.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.First());

    private static string KeyOf(string row) => MarkdownTable.Cells(row)[0].Trim('`');

    private static string[] EnvFileLines() => File.ReadAllLines(RepoPaths.File("homecall.env"));

    [GeneratedRegex("^#(?<key>[A-Z][A-Z0-9_]*)=")]
    private static partial Regex CommentedSetting();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*=")]
    private static partial Regex ActiveSetting();
}
