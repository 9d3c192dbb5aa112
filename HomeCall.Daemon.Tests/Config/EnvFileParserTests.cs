using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

/// <summary>
/// What the parser tells the admin about a file systemd would read differently from what it
/// looks like (the values themselves: <see cref="EnvFileParserSystemdTableTests"/>).
/// </summary>
public sealed class EnvFileParserTests
{
    private const string Refused = "systemd refuses the whole file";

    [Test]
    public void Parse_CommentsAndBlankLines_AreIgnoredSilently()
    {
        var result = EnvFileParser.Parse("# comment\n\n   \n; also a comment\n  # indented comment\nWS_PORT=9000\n");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Warnings, Is.Empty);
        Assert.That(result.Values, Is.EquivalentTo(new Dictionary<string, string> { ["WS_PORT"] = "9000" }));
    }

    [TestCase("JUST_A_WORD")]
    [TestCase("=value")]
    [TestCase("MAX_CONNECTIONS 100")]
    public void Parse_LineWithoutAssignment_WarnsWithLineNumberAndSkipsIt(string line)
    {
        var result = EnvFileParser.Parse("GOOD=1\n" + line + "\nALSO_GOOD=2");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Warnings, Is.EqualTo((string[])["line 2: not a KEY=value assignment, so systemd ignores this line"]));
        Assert.That(result.Values.Keys, Is.EquivalentTo((string[])["GOOD", "ALSO_GOOD"]));
    }

    [TestCase("export A=1", "'export A' is not a variable name (systemd takes no 'export')")]
    [TestCase("1KEY=value", "'1KEY' is not a variable name (ASCII letters, digits and '_', not starting with a digit)")]
    [TestCase("BAD-KEY=value", "'BAD-KEY' is not a variable name (ASCII letters, digits and '_', not starting with a digit)")]
    [TestCase("BAD KEY=value", "'BAD KEY' is not a variable name (ASCII letters, digits and '_', not starting with a digit)")]
    public void Parse_InvalidName_WarnsAndDropsTheAssignment(string line, string why)
    {
        var result = EnvFileParser.Parse("GOOD=1\n" + line + "\n");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Warnings, Is.EqualTo((string[])[$"line 2: {why}, so systemd ignores this assignment"]));
        Assert.That(result.Values.Keys, Is.EquivalentTo((string[])["GOOD"]));
    }

    [Test]
    public void Parse_ByteOrderMark_WarnsItSpoilsTheFirstKey()
    {
        var result = EnvFileParser.Parse("\uFEFFWS_PORT=9000\nWS_HOST=::1\n");

        Assert.That(result.Warnings, Is.EqualTo((string[])[
            "line 1: '\\uFEFFWS_PORT' is not a variable name (the file starts with a byte order mark, which systemd reads as part of the key), so systemd ignores this assignment",
        ]));
        Assert.That(result.Values.Keys, Is.EquivalentTo((string[])["WS_HOST"]));
    }

    [Test]
    public void Parse_CommentEndingInBackslash_WarnsTheNextLineIsCommentToo()
    {
        var result = EnvFileParser.Parse("A=1\n# Windows share: C:\\\nWS_PORT=9000\n");

        Assert.That(result.Warnings, Is.EqualTo((string[])["line 2: the comment ends in '\\', so systemd 252 reads line 3 as comment too"]));
        Assert.That(result.Values.Keys, Is.EquivalentTo((string[])["A"]));
    }

    [Test]
    public void Parse_UnclosedQuote_WarnsWhereItOpened()
    {
        var result = EnvFileParser.Parse("A=1\nB=\"open\nC=3\n");

        Assert.That(result.Warnings, Is.EqualTo((string[])["line 2: this quote is never closed, so the value runs to the end of the file"]));
        Assert.That(result.Values, Is.EquivalentTo(new Dictionary<string, string> { ["A"] = "1", ["B"] = "open\nC=3\n" }));
    }

    [TestCase("MAX_CONNECTIONS=100 # comment", "100 # comment")]
    [TestCase("ADMIN_TOKEN=\t#none", "#none")]
    [TestCase("A=\"quoted\" # comment", "quoted# comment")]
    public void Parse_HashAfterBlank_WarnsItIsPartOfTheValue(string line, string value)
    {
        var result = EnvFileParser.Parse("\n" + line + "\n");

        Assert.That(result.Warnings, Is.EqualTo((string[])["line 2: systemd has no comments after a value: this '#' and what follows are part of the value"]));
        Assert.That(result.Values.Values, Is.EqualTo((string[])[value]));
    }

    [TestCase("A=x#y")]
    [TestCase("A=\"x # y\"")]
    [TestCase("A='x # y'")]
    [TestCase("# a comment # with a hash")]
    public void Parse_HashNotAfterBlankOrQuoted_NoWarning(string line)
    {
        Assert.That(EnvFileParser.Parse(line).Warnings, Is.Empty);
    }

    [Test]
    public void Parse_CrLfLineEnds_WarningsCountLinesOnce()
    {
        var result = EnvFileParser.Parse("A=1\r\noops\r\nexport B=2\r\n");

        Assert.That(result.Warnings, Has.Count.EqualTo(2));
        Assert.That(result.Warnings[0], Does.StartWith("line 2: not a KEY=value"));
        Assert.That(result.Warnings[1], Does.StartWith("line 3: 'export B'"));
    }

    [Test]
    public void Parse_SeveralProblems_WarnsOfEachInLineOrder()
    {
        var result = EnvFileParser.Parse("export A=1\noops\nB=ok\nC='x");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Warnings.Select(w => w.Split(':')[0]), Is.EqualTo((string[])["line 1", "line 2", "line 4"]));
        Assert.That(result.Values.Keys, Is.EquivalentTo((string[])["B", "C"]));
    }

    [TestCase(new byte[] { 0xFF }, TestName = "Parse_InvalidUtf8Value_RefusesTheWholeFile(stray byte)")]
    [TestCase(new byte[] { 0xC0, 0x80 }, TestName = "Parse_InvalidUtf8Value_RefusesTheWholeFile(overlong NUL)")]
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 }, TestName = "Parse_InvalidUtf8Value_RefusesTheWholeFile(surrogate)")]
    [TestCase(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, TestName = "Parse_InvalidUtf8Value_RefusesTheWholeFile(above U+10FFFF)")]
    [TestCase(new byte[] { 0xEF, 0xBF, 0xBE }, TestName = "Parse_InvalidUtf8Value_RefusesTheWholeFile(noncharacter U+FFFE)")]
    [TestCase(new byte[] { 0xEF, 0xB7, 0x90 }, TestName = "Parse_InvalidUtf8Value_RefusesTheWholeFile(noncharacter U+FDD0)")]
    [TestCase(new byte[] { 0xF3, 0xBF, 0xBF, 0xBF }, TestName = "Parse_InvalidUtf8Value_RefusesTheWholeFile(noncharacter U+FFFFF)")]
    public void Parse_InvalidUtf8Value_RefusesTheWholeFile(byte[] bad)
    {
        var result = EnvFileParser.Parse([.. "GOOD=1\nA="u8, .. bad, .. "\n"u8]);

        Assert.That(result.Errors, Is.EqualTo((string[])[$"line 2: the value of A is not valid UTF-8; {Refused}"]));
        Assert.That(result.Values, Is.Empty);
    }

    [Test]
    public void Parse_InvalidUtf8Key_RefusesTheWholeFile()
    {
        var result = EnvFileParser.Parse([.. "GOOD=1\n"u8, 0xFF, .. "=1\n"u8]);

        Assert.That(result.Errors, Is.EqualTo((string[])[$"line 2: a key is not valid UTF-8; {Refused}"]));
        Assert.That(result.Values, Is.Empty);
    }

    [Test]
    public void Parse_InvalidUtf8OutsideKeysAndValues_IsAccepted()
    {
        // systemd checks only what it assigns: comments and ignored lines may hold any byte.
        var result = EnvFileParser.Parse([.. "# caf"u8, 0xE9, .. "\n"u8, 0xFF, .. "\nA=1\n"u8]);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Values, Is.EquivalentTo(new Dictionary<string, string> { ["A"] = "1" }));
    }

    [Test]
    public void Parse_NulByteEvenInAComment_RefusesTheWholeFile()
    {
        var result = EnvFileParser.Parse([.. "A=1\n# \0\n"u8]);

        Assert.That(result.Errors, Is.EqualTo((string[])[$"contains a NUL byte; {Refused}"]));
        Assert.That(result.Values, Is.Empty);
    }

    [Test]
    public void Parse_Utf8Value_Decoded()
    {
        Assert.That(EnvFileParser.Parse("A=h\u00e9llo \U0001F600\n").Values["A"], Is.EqualTo("h\u00e9llo \U0001F600"));
    }

    [Test]
    public void Parse_ShippedSampleFile_HasNoErrorsOrWarningsAndSetsNothing()
    {
        // homecall.env ships with every setting commented out, showing its default.
        var result = EnvFileParser.Parse(File.ReadAllBytes(Path.Combine(TestSupport.RepoPaths.Root, "homecall.env")));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Warnings, Is.Empty);
        Assert.That(result.Values, Is.Empty);
    }
}
