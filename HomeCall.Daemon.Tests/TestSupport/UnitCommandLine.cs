using System.Text;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// An Exec*= line of a unit split as systemd.service(5) "Command lines" splits it: an optional
/// '+' (run as root, unsandboxed), then words that may be single- or double-quoted, with "$$"
/// standing for "$" and the specifier "%%" for "%" (systemd.unit(5) "Specifiers"). The units
/// this runs use no other specifier or escape.
/// </summary>
internal sealed record UnitCommandLine(bool AsRoot, IReadOnlyList<string> Words)
{
    public static UnitCommandLine Parse(string value)
    {
        var asRoot = value.StartsWith('+');
        var text = (asRoot ? value[1..] : value).Replace("$$", "$", StringComparison.Ordinal).Replace("%%", "%", StringComparison.Ordinal);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                EndWord();
            }
            else
            {
                inWord = true;
                word.Append(c);
            }
        }

        Assert.That(quote, Is.Null, "unterminated quote in " + value);
        EndWord();
        return new UnitCommandLine(asRoot, words);

        void EndWord()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }
    }
}
