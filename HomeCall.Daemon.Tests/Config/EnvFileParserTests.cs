using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

public sealed class EnvFileParserTests
{
    [Test]
    public void Parse_CommentsAndBlankLines_AreIgnored()
    {
        var result = EnvFileParser.Parse("# comment\n\n   \n; also a comment\n  # indented comment\nWS_PORT=9000\n");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Values, Is.EquivalentTo(new Dictionary<string, string> { ["WS_PORT"] = "9000" }));
    }

    [TestCase("A=plain", "plain")]
    [TestCase("A = spaced ", "spaced")]
    [TestCase("A=", "")]
    [TestCase("A=b=c", "b=c")]
    [TestCase("A=\"double quoted # not a comment\"", "double quoted # not a comment")]
    [TestCase("A='single $quoted'", "single $quoted")]
    [TestCase("A=\"with \\\"escaped\\\" quotes\"", "with \"escaped\" quotes")]
    [TestCase("A=\"back\\\\slash\"", "back\\slash")]
    [TestCase("A='no \\\"escapes\\\" here'", "no \\\"escapes\\\" here")]
    [TestCase("A=value # trailing comment", "value")]
    [TestCase("A=value#not-a-comment", "value#not-a-comment")]
    [TestCase("export A=exported", "exported")]
    [TestCase("export   A=\"exported quoted\"", "exported quoted")]
    [TestCase("A=\"\"", "")]
    public void Parse_ValueSyntax_ReturnsValue(string line, string expected)
    {
        var result = EnvFileParser.Parse(line);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Values["A"], Is.EqualTo(expected));
    }

    [Test]
    public void Parse_CrLfLineEnds_ReadsEveryLine()
    {
        var result = EnvFileParser.Parse("A=1\r\nB=2\r\n");

        Assert.That(result.Values, Is.EquivalentTo(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }));
    }

    [Test]
    public void Parse_SameKeyTwice_LastOneWins()
    {
        Assert.That(EnvFileParser.Parse("A=1\nA=2").Values["A"], Is.EqualTo("2"));
    }

    [TestCase("JUST_A_WORD")]
    [TestCase("=value")]
    [TestCase("1KEY=value")]
    [TestCase("BAD-KEY=value")]
    [TestCase("BAD KEY=value")]
    [TestCase("export")]
    public void Parse_MalformedLine_ReportsLineNumberAndSkipsIt(string line)
    {
        var result = EnvFileParser.Parse("GOOD=1\n" + line + "\nALSO_GOOD=2");

        Assert.That(result.Errors, Is.EqualTo((string[])["line 2: expected KEY=value"]));
        Assert.That(result.Values.Keys, Is.EquivalentTo((string[])["GOOD", "ALSO_GOOD"]));
    }

    [TestCase("A=\"open")]
    [TestCase("A='open")]
    [TestCase("A=\"")]
    public void Parse_UnterminatedQuote_ReportsKey(string line)
    {
        var result = EnvFileParser.Parse(line);

        Assert.That(result.Errors, Is.EqualTo((string[])["line 1: unterminated quote in A"]));
        Assert.That(result.Values, Is.Empty);
    }

    [Test]
    public void Parse_SeveralBadLines_ReportsEveryOne()
    {
        var result = EnvFileParser.Parse("oops\nA='x\nB=ok\nmore oops");

        Assert.That(result.Errors, Has.Count.EqualTo(3));
        Assert.That(result.Errors[0], Does.StartWith("line 1:"));
        Assert.That(result.Errors[1], Does.StartWith("line 2:"));
        Assert.That(result.Errors[2], Does.StartWith("line 4:"));
    }

    [Test]
    public void Parse_ShippedSampleFile_HasNoErrorsAndSetsNothing()
    {
        // homecall.env ships with every setting commented out, showing its default.
        var result = EnvFileParser.Parse(File.ReadAllText(Path.Combine(TestSupport.RepoPaths.Root, "homecall.env")));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Values, Is.Empty);
    }
}
