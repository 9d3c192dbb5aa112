using System.Globalization;
using System.Text;

namespace HomeCall.Daemon.Manual;

/// <summary>The parts every manual page has (man(7): TH, NAME, SEE ALSO).</summary>
internal static class ManualSections
{
    /// <summary>Option names, paths and setting keys must read and copy whole: no hyphenation, no stretched spaces.</summary>
    private const string NoHyphenationLeftAligned = ".nh\n.ad l\n";

    /// <summary>
    /// The title line. No date: the page is printed by the binary, and its version says which
    /// build it describes (a date would change with every build of the same source).
    /// </summary>
    public static void Header(StringBuilder page, string title, int section, string version, string manual) =>
        page.Append(CultureInfo.InvariantCulture, $".TH \"{title}\" \"{section}\" \"\" \"homecall {Roff.Escape(version)}\" \"{manual}\"\n")
            .Append(NoHyphenationLeftAligned);

    /// <summary>NAME as whatis/apropos and lintian read it: one line, "name \- summary".</summary>
    public static void Name(StringBuilder page, string name, string summary) =>
        page.Append(".SH NAME\n").Append(Roff.Escape(name)).Append(@" \- ").Append(Roff.Escape(summary)).Append('\n');

    /// <summary>References as name(section), the name in bold.</summary>
    public static void SeeAlso(StringBuilder page, params string[] references)
    {
        page.Append(".SH \"SEE ALSO\"\n");
        for (var i = 0; i < references.Length; i++)
        {
            var open = references[i].IndexOf('(', StringComparison.Ordinal);
            page.Append(".BR ").Append(Roff.Escape(references[i][..open])).Append(' ').Append(references[i][open..])
                .Append(i < references.Length - 1 ? ",\n" : "\n");
        }
    }
}
