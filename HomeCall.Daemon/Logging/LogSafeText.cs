using System.Text;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// A client-supplied header value made safe to log: printable ASCII only (a control character
/// could forge a log line or a terminal escape; anything else shows as '?'), and at most
/// <see cref="MaxChars"/> characters (a header may be 8 KiB), cut with "...".
/// </summary>
internal static class LogSafeText
{
    public const int MaxChars = 100;

    private const string Cut = "...";
    private const char FirstPrintable = ' ';
    private const char LastPrintable = '~';

    public static string From(string value)
    {
        var length = Math.Min(value.Length, MaxChars);
        var text = new StringBuilder(length + Cut.Length);
        foreach (var c in value.AsSpan(0, length))
        {
            text.Append(c is >= FirstPrintable and <= LastPrintable ? c : '?');
        }

        return value.Length > MaxChars ? text.Append(Cut).ToString() : text.ToString();
    }
}
