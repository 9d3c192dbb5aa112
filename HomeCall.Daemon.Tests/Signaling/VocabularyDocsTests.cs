using System.Text.RegularExpressions;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>
/// The docs that list the wire vocabulary (docs/protocol.md §1.3, §3.1, §4–§9, §11.1 and
/// README.md's error table) agree with the tables it is declared in (<see cref="ErrorCode.Table"/>,
/// <see cref="MessageTypeNames"/>, <see cref="KnownFields.Table"/>), so neither can drift.
/// </summary>
public sealed partial class VocabularyDocsTests
{
    /// <summary>Labels of homecall_messages_received_total that are not message types (docs/protocol.md §1.3).</summary>
    private static readonly string[] NonTypeLabels = ["invalid", "binary"];

    private static readonly Lazy<string> Protocol = new(() => File.ReadAllText(RepoPaths.File("docs", "protocol.md")));

    /// <summary>The protocol as one line, so a sentence wrapped over several lines can be found whole.</summary>
    private static readonly Lazy<string> ProtocolText = new(() => Whitespace().Replace(Protocol.Value, " "));

    [Test]
    public void ErrorReference_Codes_AreExactlyTheTableInOrder() =>
        Assert.That(ErrorReferenceRows().Select(CodeOf).ToList(), Is.EqualTo(ErrorCode.All), "docs/protocol.md §9 codes");

    [Test]
    public void ErrorReference_EveryCode_HasTheTableTexts()
    {
        var rows = ErrorReferenceRows().ToDictionary(CodeOf, MarkdownTable.Cells);
        Assert.Multiple(() =>
        {
            foreach (var error in ErrorCode.Table)
            {
                var cells = rows.GetValueOrDefault(error.Code);
                Assert.That(cells?[2], Is.EqualTo(error.English), $"docs/protocol.md §9 English text of {error.Code}");
                Assert.That(cells?[3], Is.EqualTo(error.Russian), $"docs/protocol.md §9 Russian text of {error.Code}");
            }
        });
    }

    [Test]
    public void ReadmeErrorTable_Codes_AreExactlyTheTableInOrder()
    {
        var rows = MarkdownTable.RowsAfter(File.ReadAllText(RepoPaths.File("README.md")), "**Error codes**");

        Assert.That(rows.Select(CodeOf).ToList(), Is.EqualTo(ErrorCode.All), "README.md error codes");
    }

    [Test]
    public void ReceivedMetric_TypeLabels_AreTheMessageTypes()
    {
        var row = MarkdownTable.RowsAfter(Protocol.Value, "#### `GET /metrics`")
            .Single(r => MarkdownTable.Cells(r)[0] == "`homecall_messages_received_total`");
        var labels = MarkdownTable.Cells(row)[2];
        var listed = Parenthesised().Replace(labels[labels.IndexOf(':', StringComparison.Ordinal)..labels.IndexOf(';', StringComparison.Ordinal)], "");

        Assert.That(
            Quoted(listed),
            Is.EquivalentTo(Enum.GetValues<MessageType>().Select(MessageTypeNames.Of).Concat(NonTypeLabels).ToList()),
            "docs/protocol.md §1.3 labels of homecall_messages_received_total");
    }

    [Test]
    public void DialectMessageTables_EveryMessageType_IsDocumented()
    {
        var documented = MessageTableRows().SelectMany(r => Quoted(MarkdownTable.Cells(r)[0])).ToHashSet();

        Assert.That(Vocabulary.TypeNames.Where(name => !documented.Contains(name)), Is.Empty, "message types missing from the message tables of docs/protocol.md §5–§8");
    }

    [Test]
    public void DuplicateFieldRule_NamesExactlyTheKnownFields()
    {
        var sentence = Between(ProtocolText.Value, "are the same name):", "This applies in every dialect");

        Assert.That(Quoted(sentence), Is.EqualTo(Vocabulary.FieldNames), "docs/protocol.md §3.1 duplicated field names");
    }

    [Test]
    public void DuplicateFieldDeviation_NamesTypeAndTheKnownFields()
    {
        var sentence = Between(ProtocolText.Value, "The names are", "in every dialect.");

        Assert.That(Quoted(sentence), Is.EqualTo(Vocabulary.FieldNames.Prepend("type").ToList()), "docs/protocol.md §11.1 item 1");
    }

    [Test]
    public void EscapeRule_DecodedValues_AreTypeAndTheDecodedFields()
    {
        var rule = Between(ProtocolText.Value, "in any field name, or in the string value of", "The values of");
        var deviation = Between(ProtocolText.Value, "in field names and in the values the daemon reads as strings", ": a lone surrogate");
        var decoded = KnownFields.Table.Where(f => f.IsDecoded).Select(f => f.Name).Prepend("type").ToList();

        Assert.That(Quoted(rule), Is.EqualTo(decoded), "docs/protocol.md §3.1 decoded values");
        Assert.That(Quoted(deviation), Is.EqualTo(decoded), "docs/protocol.md §11.1 item 4 decoded values");
    }

    [Test]
    public void EscapeRule_OpaqueValues_AreTheOpaqueFields()
    {
        var rule = Between(ProtocolText.Value, "The values of", "and of fields the daemon does not know");
        var deviation = Between(ProtocolText.Value, "Opaque values (", "unknown fields)");
        var opaque = KnownFields.Table.Where(f => !f.IsDecoded).Select(f => f.Name).ToList();

        Assert.That(Quoted(rule), Is.EqualTo(opaque), "docs/protocol.md §3.1 opaque values");
        Assert.That(Quoted(deviation), Is.EqualTo(opaque), "docs/protocol.md §11.1 item 4 opaque values");
    }

    private static IReadOnlyList<string> ErrorReferenceRows() => MarkdownTable.RowsAfter(Protocol.Value, "## 9. Error reference");

    private static string CodeOf(string row) => MarkdownTable.Cells(row)[0].Trim('`');

    /// <summary>The rows of every table whose first column is headed "message" (the dialects' message tables).</summary>
    private static IEnumerable<string> MessageTableRows()
    {
        var lines = Protocol.Value.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("| message |", StringComparison.Ordinal))
            {
                foreach (var row in MarkdownTable.RowsAfter(string.Join('\n', lines[i..]), "| message |"))
                {
                    yield return row;
                }
            }
        }
    }

    /// <summary>The text between the first <paramref name="start"/> and the next <paramref name="end"/>.</summary>
    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.That(from, Is.Not.Negative, "docs/protocol.md no longer says '" + start + "'");
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.That(to, Is.Not.Negative, "docs/protocol.md no longer says '" + end + "' after '" + start + "'");
        return text[from..to];
    }

    private static List<string> Quoted(string text) => [.. Backticked().Matches(text).Select(m => m.Groups["name"].Value)];

    [GeneratedRegex("`(?<name>[^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
