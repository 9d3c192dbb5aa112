using System.Text;

namespace HomeCall.Daemon.Manual;

/// <summary>Word-wraps plain text for a terminal, continuation lines indented under the first.</summary>
internal static class TextWrap
{
    public const int Width = 80;

    /// <summary>The words of <paramref name="text"/> after <paramref name="first"/>, in lines of at most <see cref="Width"/> where words allow.</summary>
    public static string Hanging(string first, string text, int indent)
    {
        var result = new StringBuilder(first.PadRight(indent));
        var column = result.Length;
        var lineStart = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!lineStart && column + 1 + word.Length > Width)
            {
                result.Append('\n').Append(' ', indent);
                column = indent;
                lineStart = true;
            }

            if (!lineStart)
            {
                result.Append(' ');
                column++;
            }

            result.Append(word);
            column += word.Length;
            lineStart = false;
        }

        return result.ToString();
    }
}
