namespace HomeCall.Daemon.Config;

/// <summary>
/// Where <see cref="EnvFileScanner"/> is within a line: the states of systemd's
/// parse_env_file_internal() (src/basic/env-file.c), one for one.
/// </summary>
internal enum EnvFileScanState
{
    /// <summary>Before a key: blanks are skipped, '#' or ';' starts a comment.</summary>
    PreKey,

    /// <summary>In a key, up to '=' (a newline first abandons the line).</summary>
    Key,

    /// <summary>After '=' or a closing quote: blanks are skipped, a quote opens.</summary>
    PreValue,

    /// <summary>In an unquoted value.</summary>
    Value,

    /// <summary>After a backslash in an unquoted value.</summary>
    ValueEscape,

    /// <summary>Inside '...'.</summary>
    SingleQuoteValue,

    /// <summary>Inside "...".</summary>
    DoubleQuoteValue,

    /// <summary>After a backslash inside "...".</summary>
    DoubleQuoteValueEscape,

    /// <summary>In a comment line.</summary>
    Comment,

    /// <summary>After a backslash in a comment line.</summary>
    CommentEscape,
}
