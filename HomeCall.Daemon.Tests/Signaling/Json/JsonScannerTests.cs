using System.Text;
using System.Text.Json;
using HomeCall.Daemon.Signaling.Json;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>RFC 8259 values and whitespace: kinds, literals, and where each value ends.</summary>
public sealed class JsonScannerTests
{
    private static int End(string json, out JsonTokenType kind) =>
        JsonScanner.SkipValue(Encoding.UTF8.GetBytes(json), 0, 0, 32, out kind, out _);

    [TestCase("\"s\"", JsonTokenType.String)]
    [TestCase("-1.5e3", JsonTokenType.Number)]
    [TestCase("true", JsonTokenType.True)]
    [TestCase("false", JsonTokenType.False)]
    [TestCase("null", JsonTokenType.Null)]
    [TestCase("{\"a\":[1,{}]}", JsonTokenType.StartObject)]
    [TestCase("[\"a\",null]", JsonTokenType.StartArray)]
    public void SkipValue_Value_EndsAtItsEndWithItsKind(string json, JsonTokenType expected)
    {
        Assert.That(End(json + " ,", out var kind), Is.EqualTo(json.Length));
        Assert.That(kind, Is.EqualTo(expected));
    }

    [TestCase("tru")]
    [TestCase("nul")]
    [TestCase("fals")]
    [TestCase("True")]
    [TestCase("NULL")]
    [TestCase("undefined")]
    [TestCase("'a'")]
    [TestCase("]")]
    [TestCase("}")]
    [TestCase(",")]
    [TestCase("")]
    [TestCase("/*c*/1")]
    public void SkipValue_NotAValue_Fails(string json)
    {
        Assert.That(End(json, out _), Is.EqualTo(-1));
    }

    [Test]
    public void SkipValue_LiteralFollowedByLetters_EndsAfterTheLiteral()
    {
        // "truex" is then rejected by the caller: x is neither a separator nor a closer.
        Assert.That(End("truex", out _), Is.EqualTo(4));
    }

    [Test]
    public void IsWhitespace_EveryByte_OnlySpaceTabLineFeedCarriageReturn()
    {
        var whitespace = Enumerable.Range(0, 256).Where(b => JsonScanner.IsWhitespace((byte)b)).ToArray();

        Assert.That(whitespace, Is.EqualTo(new[] { '\t', '\n', '\r', ' ' }.Select(c => (int)c)));
    }

    [TestCase(" \t\r\n x", 5)]
    [TestCase("x", 0)]
    [TestCase("\f", 0)]
    [TestCase("\v", 0)]
    [TestCase("\u00a0", 0)]
    [TestCase("  ", 2)]
    public void SkipWhitespace_Text_StopsAtTheFirstOtherByte(string json, int expected)
    {
        Assert.That(JsonScanner.SkipWhitespace(Encoding.UTF8.GetBytes(json), 0), Is.EqualTo(expected));
    }
}
