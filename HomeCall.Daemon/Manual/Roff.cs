using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HomeCall.Daemon.Manual;

/// <summary>
/// Text into man(7) source. Every text line goes through here, so none can start a request by
/// accident and none holds a raw backslash or non-ASCII byte that groff would misread.
/// </summary>
internal static partial class Roff
{
    private const char LastAscii = '\x7e';

    /// <summary>Stands for roff's unbreakable space (\ ) until the line is escaped.</summary>
    private const string NoBreakSpace = "\u00a0";

    /// <summary>A markdown cell (backticks mark literal text, links keep their text) as one roff text line: literal text in bold.</summary>
    public static string Text(string markdown)
    {
        var parts = MarkdownLink().Replace(markdown, "${text}").Split('`');
        var line = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts were between backticks.
            line.Append(i % 2 == 1 ? Bold(parts[i]) : Escape(parts[i]));
        }

        return Guard(line.ToString());
    }

    /// <summary>
    /// A usage line (`homecall fingerprint ROOM [--dialect NAME]`): words and options in bold,
    /// placeholders in italics, and no line break inside a [...] group.
    /// </summary>
    public static string Usage(string line) =>
        Guard(UsageToken().Replace(KeepGroupsTogether(line), m =>
            m.Groups["placeholder"].Success ? Italic(m.Value) : m.Groups["word"].Success ? Bold(m.Value) : Escape(m.Value)))
            .Replace(Escape(NoBreakSpace), @"\ ", StringComparison.Ordinal);

    public static string Bold(string text) => @"\fB" + Escape(text) + @"\fR";

    public static string Italic(string text) => @"\fI" + Escape(text) + @"\fR";

    /// <summary>
    /// Backslash as \e, every '-' as \- (options and paths must copy as ASCII hyphen-minus), and
    /// non-ASCII as \[uXXXX] (groff reads its input as Latin-1 unless preconv runs first).
    /// </summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var c = rune.Value;
            if (c == '\\')
            {
                result.Append(@"\e");
            }
            else if (c == '-')
            {
                result.Append(@"\-");
            }
            else if (c > LastAscii)
            {
                result.Append(CultureInfo.InvariantCulture, $@"\[u{c:X4}]");
            }
            else
            {
                result.Append((char)c);
            }
        }

        return result.ToString();
    }

    private static string KeepGroupsTogether(string line)
    {
        var depth = 0;
        var chars = line.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            depth += chars[i] switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth > 0 && chars[i] == ' ')
            {
                chars[i] = NoBreakSpace[0];
            }
        }

        return new string(chars);
    }

    /// <summary>A text line starting with '.' or '\'' would be read as a request: \&amp; makes it text.</summary>
    private static string Guard(string line) =>
        line.StartsWith('.') || line.StartsWith('\'') ? @"\&" + line : line;

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\([^)]+\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(?<placeholder>\b[A-Z]{2,}\b)|(?<word>-{0,2}[a-z][a-z.-]*)|[^A-Za-z-]+|.")]
    private static partial Regex UsageToken();
}
