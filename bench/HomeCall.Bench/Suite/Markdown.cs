using System.Globalization;
using System.Text;

namespace HomeCall.Bench.Suite;

/// <summary>A small Markdown builder: headings, paragraphs, tables, code blocks; numbers in invariant culture.</summary>
internal sealed class Markdown
{
    private readonly StringBuilder _text = new();

    public Markdown Heading(int level, string title)
    {
        _text.Append('#', level).Append(' ').AppendLine(title).AppendLine();
        return this;
    }

    public Markdown Paragraph(string text)
    {
        _text.AppendLine(text).AppendLine();
        return this;
    }

    public Markdown Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _text.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        _text.Append('|').AppendJoin('|', header.Select(_ => " --- ")).AppendLine("|");
        foreach (var row in rows)
        {
            _text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        _text.AppendLine();
        return this;
    }

    public Markdown Code(string language, IEnumerable<string> lines)
    {
        _text.Append("```").AppendLine(language);
        foreach (var line in lines)
        {
            _text.AppendLine(line);
        }

        _text.AppendLine("```").AppendLine();
        return this;
    }

    public Markdown Raw(string text)
    {
        _text.AppendLine(text.TrimEnd()).AppendLine();
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>A number for a table: "–" when missing, grouped thousands, fixed decimals.</summary>
    public static string N(double value, int decimals = 0) =>
        double.IsNaN(value) ? "–" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Ratio(double value) => double.IsNaN(value) || double.IsInfinity(value) ? "–" : value.ToString("0.00", CultureInfo.InvariantCulture) + "×";
}
