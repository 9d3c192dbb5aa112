using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Error texts for people (docs/protocol.md §3.3): English, and Russian on /signal by default because
/// the /signal clients (docs/protocol.md §8) show them to users verbatim. ERROR_LANGUAGE forces one language.
/// The texts are declared with their codes in <see cref="ErrorCode.Table"/>.
/// </summary>
internal static class ErrorCatalog
{
    private static readonly Dictionary<string, ErrorText> Texts = ErrorCode.Table.ToDictionary(row => row.Code, StringComparer.Ordinal);

    public static string Text(string code, Dialect? dialect, ErrorLanguage language)
    {
        var text = Texts[code];
        return language switch
        {
            ErrorLanguage.English => text.English,
            ErrorLanguage.Russian => text.Russian,
            _ => dialect == Dialect.Session ? text.Russian : text.English,
        };
    }
}
