using System.Text.RegularExpressions;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Repository;

/// <summary>
/// Comments cite only documents a reader of the repository has: docs/protocol.md and
/// docs/security.md by their own section numbers (plus RFCs and man pages). The original
/// wire contract, the design documents it came from and the conventions notes live outside
/// the repository, and their section numbers differ from docs/protocol.md's.
/// </summary>
public sealed partial class CommentCitationTests
{
    [Test]
    public void SourceComments_CiteADocument_OnlyDocumentsInTheRepository()
    {
        var outside = CommentScanner.All()
            .Where(c => OutsideCitation().IsMatch(c.Text))
            .Select(c => c.ToString())
            .ToArray();

        Assert.That(outside, Is.Empty, outside.Length + " comments cite a document outside the repository:\n" + string.Join("\n", outside));
    }

    [Test]
    public void SourceComments_CiteADocSection_SectionHeadingExists()
    {
        var sections = new Dictionary<string, HashSet<string>>
        {
            ["protocol.md"] = Headings(RepoPaths.File("docs", "protocol.md")),
            ["security.md"] = Headings(RepoPaths.File("docs", "security.md")),
        };

        var citations = CommentScanner.All()
            .SelectMany(c => DocCitation().Matches(c.Text).SelectMany(m => SectionNumber().Matches(m.Groups["sections"].Value)
                .Select(s => (Comment: c, Doc: m.Groups["doc"].Value, Section: s.Groups[1].Value))))
            .ToArray();
        var missing = citations.Where(c => !sections[c.Doc].Contains(c.Section))
            .Select(c => $"docs/{c.Doc} §{c.Section} has no such heading: {c.Comment}")
            .ToArray();

        Assert.That(citations.Where(c => c.Doc == "protocol.md"), Is.Not.Empty, "no comment cites a docs/protocol.md section");
        Assert.That(missing, Is.Empty, string.Join("\n", missing));
    }

    /// <summary>The section numbers of a markdown file's "## N." and "### N.N" headings.</summary>
    private static HashSet<string> Headings(string path) =>
        File.ReadLines(path).Select(line => Heading().Match(line)).Where(m => m.Success)
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"spec §|seeds? 00\d|style rule|shared/|\bthe spec\b", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideCitation();

    [GeneratedRegex(@"docs/(?<doc>protocol\.md|security\.md)(?<sections>(?:(?:\s|,|/|–|-|and)*§\d+(?:\.\d+)?)+)")]
    private static partial Regex DocCitation();

    [GeneratedRegex(@"§(\d+(?:\.\d+)?)")]
    private static partial Regex SectionNumber();

    [GeneratedRegex(@"^#{2,3}\s+(\d+(?:\.\d+)?)\.?\s")]
    private static partial Regex Heading();
}
