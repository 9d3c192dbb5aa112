namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Reads the body rows of a pipe table out of a markdown document (README.md, docs/*.md).</summary>
internal static class MarkdownTable
{
    /// <summary>
    /// The rows of the first table at or after the first line starting with <paramref name="marker"/>
    /// (a heading, or the table's own header row), header and separator left out.
    /// </summary>
    public static IReadOnlyList<string> RowsAfter(string markdown, string marker)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.StartsWith(marker, StringComparison.Ordinal));
        if (start < 0)
        {
            throw new InvalidOperationException("no line starting with '" + marker + "'");
        }

        return lines.Skip(start)
            .SkipWhile(l => !IsRow(l))
            .TakeWhile(IsRow)
            .Skip(2)
            .ToList();
    }

    /// <summary>The cells of one row, trimmed (cells holding a '|' are not supported).</summary>
    public static IReadOnlyList<string> Cells(string row) =>
        row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    private static bool IsRow(string line) => line.StartsWith('|');
}
