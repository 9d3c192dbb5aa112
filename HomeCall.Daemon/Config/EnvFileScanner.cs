using S = HomeCall.Daemon.Config.EnvFileScanState;

namespace HomeCall.Daemon.Config;

/// <summary>
/// The syntax of a systemd EnvironmentFile= as systemd 252 reads it: the byte-at-a-time state
/// machine of parse_env_file_internal() (src/basic/env-file.c), rules as in systemd.exec(5).
/// CR counts as a newline, a blank is space or tab, and blanks are trimmed around keys and
/// unquoted values only. Bytes, not text: every character that matters is ASCII, and UTF-8 is
/// checked later, on keys and values alone, as systemd does.
/// </summary>
internal sealed class EnvFileScanner
{
    private const string NotAnAssignment = "not a KEY=value assignment, so systemd ignores this line";

    private readonly EnvFileToken _key = new();
    private readonly EnvFileToken _value = new();
    private readonly List<EnvFileAssignment> _assignments = [];
    private readonly List<EnvFileNote> _notes = [];
    private S _state = S.PreKey;
    private int _line = 1;
    private int _keyLine;
    private int _quoteLine;
    private byte _previous;

    public static EnvFileScan Scan(ReadOnlySpan<byte> content)
    {
        var scanner = new EnvFileScanner();
        foreach (var c in content)
        {
            scanner.Step(c);
            scanner._previous = c;
            scanner._line += c == '\n' ? 1 : 0;
        }

        scanner.Finish();
        return new EnvFileScan(scanner._assignments, scanner._notes);
    }

    private static bool IsNewline(byte c) => c is (byte)'\n' or (byte)'\r';

    private static bool IsWhitespace(byte c) => c is ((byte)' ' or (byte)'\t') || IsNewline(c);

    private void Step(byte c)
    {
        switch (_state)
        {
            case S.PreKey: PreKey(c); break;
            case S.Key: Key(c); break;
            case S.PreValue: PreValue(c); break;
            case S.Value: Value(c); break;
            case S.ValueEscape: ValueEscape(c); break;
            case S.SingleQuoteValue: Quoted(c, (byte)'\''); break;
            case S.DoubleQuoteValue when c == '\\': _state = S.DoubleQuoteValueEscape; break;
            case S.DoubleQuoteValue: Quoted(c, (byte)'"'); break;
            case S.DoubleQuoteValueEscape: DoubleQuoteValueEscape(c); break;
            case S.Comment when c == '\\': _state = S.CommentEscape; break;
            case S.Comment: _state = IsNewline(c) ? S.PreKey : S.Comment; break;
            case S.CommentEscape: CommentEscape(c); break;
        }
    }

    private void PreKey(byte c)
    {
        // Only the first non-blank character of a line can start a comment.
        if (c is (byte)'#' or (byte)';')
        {
            _state = S.Comment;
        }
        else if (!IsWhitespace(c))
        {
            _state = S.Key;
            _keyLine = _line;
            _key.Add(c);
        }
    }

    private void Key(byte c)
    {
        if (IsNewline(c))
        {
            // systemd drops a line without '=' silently; the admin hears of it here.
            _notes.Add(new EnvFileNote(_keyLine, NotAnAssignment));
            _key.Clear();
            _state = S.PreKey;
        }
        else if (c == '=')
        {
            _state = S.PreValue;
        }
        else
        {
            _key.Add(c);
        }
    }

    private void PreValue(byte c)
    {
        if (IsNewline(c))
        {
            // Blanks after a closing quote were skipped, not kept: nothing to trim.
            Push(trimValue: false);
        }
        else if (c is (byte)'\'' or (byte)'"')
        {
            _quoteLine = _line;
            _state = c == '\'' ? S.SingleQuoteValue : S.DoubleQuoteValue;
        }
        else if (c == '\\')
        {
            _state = S.ValueEscape;
        }
        else if (!IsWhitespace(c))
        {
            NoteHashAfterBlank(c);
            _state = S.Value;
            _value.Add(c);
        }
    }

    private void Value(byte c)
    {
        if (IsNewline(c))
        {
            Push(trimValue: true);
        }
        else if (c == '\\')
        {
            // Blanks before a backslash are kept, even if it escapes the newline.
            _value.KeepBlanks();
            _state = S.ValueEscape;
        }
        else
        {
            NoteHashAfterBlank(c);
            _value.Add(c);
        }
    }

    private void ValueEscape(byte c)
    {
        // Any character is kept without its backslash; an escaped CR or LF is dropped.
        _state = S.Value;
        if (!IsNewline(c))
        {
            _value.AddLiteral(c);
        }
    }

    private void Quoted(byte c, byte quote)
    {
        if (c == quote)
        {
            // Back before a value: blanks are skipped, and anything else is appended.
            _state = S.PreValue;
        }
        else
        {
            _value.AddLiteral(c);
        }
    }

    private void DoubleQuoteValueEscape(byte c)
    {
        // As in a POSIX shell's double quotes: \" \\ \` \$ lose the backslash, backslash-LF
        // is a continuation, any other pair (even backslash-CR) is kept as written.
        _state = S.DoubleQuoteValue;
        if (c is (byte)'"' or (byte)'\\' or (byte)'`' or (byte)'$')
        {
            _value.AddLiteral(c);
        }
        else if (c != '\n')
        {
            _value.AddLiteral((byte)'\\');
            _value.AddLiteral(c);
        }
    }

    private void CommentEscape(byte c)
    {
        // systemd 252 stays in the comment whatever follows the backslash, a newline
        // included, so the next line is comment too (254 changed this).
        _state = S.Comment;
        if (c == '\n')
        {
            _notes.Add(new EnvFileNote(_line, $"the comment ends in '\\', so systemd 252 reads line {_line + 1} as comment too"));
        }
    }

    private void NoteHashAfterBlank(byte c)
    {
        if (c == '#' && _previous is ((byte)' ' or (byte)'\t'))
        {
            _notes.Add(new EnvFileNote(_line, "systemd has no comments after a value: this '#' and what follows are part of the value"));
        }
    }

    private void Finish()
    {
        switch (_state)
        {
            case S.Key:
                _notes.Add(new EnvFileNote(_keyLine, NotAnAssignment));
                break;
            case S.SingleQuoteValue or S.DoubleQuoteValue or S.DoubleQuoteValueEscape:
                _notes.Add(new EnvFileNote(_quoteLine, "this quote is never closed, so the value runs to the end of the file"));
                Push(trimValue: false);
                break;
            case S.PreValue or S.Value or S.ValueEscape:
                // As at a newline, only an unquoted value has trailing blanks to trim.
                Push(trimValue: _state == S.Value);
                break;
        }
    }

    private void Push(bool trimValue)
    {
        _assignments.Add(new EnvFileAssignment(_key.Take(trimBlanks: true), _value.Take(trimValue), _keyLine));
        _state = S.PreKey;
    }
}
