namespace HomeCall.Daemon.Config;

/// <summary>ERROR_LANGUAGE: which catalogue error texts come from (spec §2).</summary>
internal enum ErrorLanguage
{
    /// <summary>English, except Russian on /signal (seed 002 shows texts to users verbatim).</summary>
    Auto,
    English,
    Russian,
}
