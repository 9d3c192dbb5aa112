namespace HomeCall.Daemon.Config;

/// <summary>ERROR_LANGUAGE: which catalogue error texts come from (docs/protocol.md §3.3).</summary>
internal enum ErrorLanguage
{
    /// <summary>English, except Russian on /signal (its clients show texts to users verbatim, docs/protocol.md §3.3).</summary>
    Auto,
    English,
    Russian,
}
