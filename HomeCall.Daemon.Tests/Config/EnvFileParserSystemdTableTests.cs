using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

/// <summary>
/// One row per rule of systemd.exec(5) EnvironmentFile= and per path through systemd 252's
/// parse_env_file_internal() (src/basic/env-file.c) and the check the service manager applies
/// afterwards (strv_env_clean_with_callback: invalid names are dropped). Every expected value is
/// what systemd 252.38 itself produced for the same bytes (its load_env_file() plus that clean-up,
/// run on this machine); null means systemd sets no such variable.
/// </summary>
public sealed class EnvFileParserSystemdTableTests
{
    // Comments: '#' or ';' as the first non-blank character of a line, nowhere else.
    [TestCase("# A=1\nB=2", "A", null)]
    [TestCase("; A=1\nB=2", "A", null)]
    [TestCase("   # A=1", "A", null)]
    [TestCase("MAX_CONNECTIONS=100 # comment", "MAX_CONNECTIONS", "100 # comment")]
    [TestCase("A=1 ; not a comment", "A", "1 ; not a comment")]
    [TestCase("A=value#x", "A", "value#x")]
    // 252's COMMENT_ESCAPE state: a comment ending in '\' swallows the next line (changed in 254).
    [TestCase("# note \\\nA=1", "A", null)]
    // ...but with CRLF the escape eats the CR, and the LF ends the comment.
    [TestCase("# note \\\r\nA=1", "A", "1")]

    // Quotes: only at the start of the value (after '=' and blanks) do they quote.
    [TestCase("A=\"double # quoted\"", "A", "double # quoted")]
    [TestCase("A='single $quoted'", "A", "single $quoted")]
    // After the closing quote the parser is back before a value: blanks are skipped, the rest appended.
    [TestCase("A=\"x\" # y", "A", "x# y")]
    [TestCase("A=  \"  padded  \"  ", "A", "  padded  ")]
    [TestCase("A='a'b\"c\"", "A", "ab\"c\"")]
    [TestCase("A=x'y'", "A", "x'y'")]
    [TestCase("A=\"a\nb\"", "A", "a\nb")]
    [TestCase("A='a\nb'", "A", "a\nb")]
    [TestCase("A=\"\"", "A", "")]
    [TestCase("A=''", "A", "")]

    // Inside double quotes: \" \\ \$ \` lose the backslash, backslash-newline is dropped, others keep it.
    [TestCase("A=\"\\\"\"", "A", "\"")]
    [TestCase("A=\"\\\\\"", "A", "\\")]
    [TestCase("A=\"\\$HOME\"", "A", "$HOME")]
    [TestCase("A=\"\\`\"", "A", "`")]
    [TestCase("A=\"\\n\\x\"", "A", "\\n\\x")]
    [TestCase("A=\"a\\\nb\"", "A", "ab")]

    // Inside single quotes nothing is an escape, not even \' (the quote ends the value).
    [TestCase("A='a\\b'", "A", "a\\b")]
    [TestCase("A='a\\'", "A", "a\\")]

    // Unquoted: a backslash keeps the next character, whatever it is, and is itself dropped.
    [TestCase("ADMIN_TOKEN=ab\\cd", "ADMIN_TOKEN", "abcd")]
    [TestCase("A=a\\\\b", "A", "a\\b")]
    [TestCase("A=\\\"x\\\"", "A", "\"x\"")]
    [TestCase("A=\\ x\\ ", "A", " x ")]
    [TestCase("A=a\\#b", "A", "a#b")]
    [TestCase("A=x\\", "A", "x")]

    // Continuations: backslash-newline is dropped, the next line's blanks are kept.
    [TestCase("A=a\\\nb", "A", "ab")]
    [TestCase("A=a \\\n  b", "A", "a   b")]
    [TestCase("A=a\\\nB=2", "A", "aB=2")]
    // CR is a newline to env-file.c: the escape eats it and the LF then ends the value.
    [TestCase("A=a\\\r\nb", "A", "a")]

    // Blanks around the key and the unquoted value are dropped; blanks inside are kept.
    [TestCase("  A  =  y  z  ", "A", "y  z")]
    [TestCase("A=\tx\t", "A", "x")]
    [TestCase("A=x \r\n", "A", "x")]

    // CRLF line ends, and a last line without a newline.
    [TestCase("A=1\r\nB=2\r\n", "A", "1")]
    [TestCase("A=1\r\nB=2\r\n", "B", "2")]
    [TestCase("A=\"x\"\r\n", "A", "x")]
    [TestCase("A=1", "A", "1")]

    // No "export": the key is "export A", not a valid name, and systemd drops the assignment.
    [TestCase("export A=1", "A", null)]
    [TestCase("export A=1", "export A", null)]

    // Names: ASCII letters, digits and '_', not starting with a digit; anything else is dropped.
    [TestCase("1A=x", "1A", null)]
    [TestCase("A-B=x", "A-B", null)]
    [TestCase("A B=x", "A B", null)]
    [TestCase("\uFEFFA=1", "A", null)]

    // A line without '=' is ignored and unsets nothing.
    [TestCase("A\nB=2", "A", null)]
    [TestCase("A", "A", null)]
    [TestCase("=x", "", null)]
    [TestCase("A=1\nA=2\nA", "A", "2")]

    // Empty values, '=' inside values, the last of duplicate keys.
    [TestCase("A=", "A", "")]
    [TestCase("A=b=c", "A", "b=c")]
    [TestCase("A=1\nA=2", "A", "2")]

    // An unclosed quote runs to the end of the file, and that is the value.
    [TestCase("A=\"open", "A", "open")]
    [TestCase("A='open\nB=2", "A", "open\nB=2")]
    [TestCase("A=\"open\nB=2", "B", null)]

    // Control characters other than NUL are allowed in values.
    // (Named by hand: a test name holding control characters is lost by the test runner's report.)
    [TestCase("A=\u0001\u007f", "A", "\u0001\u007f", TestName = "Parse_SystemdCase_ValueAsSystemd252(control characters)")]
    public void Parse_SystemdCase_ValueAsSystemd252(string text, string key, string? expected)
    {
        var result = EnvFileParser.Parse(text);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Values.GetValueOrDefault(key), Is.EqualTo(expected));
    }
}
