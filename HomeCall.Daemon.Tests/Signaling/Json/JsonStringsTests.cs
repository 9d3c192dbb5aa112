using System.Text;
using HomeCall.Daemon.Signaling.Json;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>RFC 8259 §7 string grammar, and the vectorized search at every offset of a long body.</summary>
public sealed class JsonStringsTests
{
    /// <summary>The end of the string token that starts <paramref name="json"/> (at its opening quote).</summary>
    private static int End(string json) => End(Encoding.UTF8.GetBytes(json), out _);

    private static int End(byte[] json, out bool escaped) => JsonStrings.Skip(json, 1, out escaped);

    [TestCase(@"""\""""")]
    [TestCase(@"""\\""")]
    [TestCase(@"""\/""")]
    [TestCase(@"""\b""")]
    [TestCase(@"""\f""")]
    [TestCase(@"""\n""")]
    [TestCase(@"""\r""")]
    [TestCase(@"""\t""")]
    [TestCase(@"""\u0041""")]
    [TestCase(@"""\uABCD""")]
    [TestCase(@"""\uabcd""")]
    [TestCase(@"""\uD83D\uDE00""")]
    [TestCase(@"""\ud800""")]
    [TestCase(@"""\udc00x""")]
    [TestCase(@"""a\r\n\r\nb""")]
    public void Skip_ValidEscape_EndsAfterClosingQuoteAndReportsEscaped(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.That(End(bytes, out var escaped), Is.EqualTo(bytes.Length));
        Assert.That(escaped, Is.True);
    }

    [TestCase(@"""\a""")]
    [TestCase(@"""\x41""")]
    [TestCase(@"""\U0041""")]
    [TestCase(@"""\'""")]
    [TestCase(@"""\0""")]
    [TestCase(@"""\ """)]
    [TestCase(@"""\u12""")]
    [TestCase(@"""\u12G4""")]
    [TestCase(@"""\u-123""")]
    [TestCase(@"""\u""")]
    [TestCase(@"""\")]
    [TestCase(@"""\u004")]
    [TestCase(@"""abc")]
    [TestCase(@"""abc\""")]
    [TestCase(@"""")]
    public void Skip_InvalidEscapeOrUnterminated_Fails(string json)
    {
        Assert.That(End(json), Is.EqualTo(-1));
    }

    [Test]
    public void Skip_EveryControlCharacter_Fails()
    {
        Assert.Multiple(() =>
        {
            for (var c = 0; c < 0x20; c++)
            {
                Assert.That(End("\"a" + (char)c + "b\""), Is.EqualTo(-1), $"U+{c:X4}");
            }
        });
    }

    [TestCase("\"\u007f\"")]
    [TestCase("\"é Ж 😀 \u2028 \uffff\"")]
    [TestCase("\"\"")]
    [TestCase("\"' <>&+`\"")]
    public void Skip_PrintableAndNonAscii_EndsAfterClosingQuoteUnescaped(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.That(End(bytes, out var escaped), Is.EqualTo(bytes.Length));
        Assert.That(escaped, Is.False);
    }

    [Test]
    public void Skip_InvalidUtf8_AcceptedLikeTheReader()
    {
        // Utf8JsonReader does not validate UTF-8 inside strings either; the WebSocket layer has (RFC 6455 §8.1).
        byte[] json = [(byte)'"', 0xFF, 0xC0, 0xAF, (byte)'"'];

        Assert.That(End(json, out _), Is.EqualTo(json.Length));
    }

    [Test]
    public void Skip_ClosingQuoteAtEveryOffset_FoundAfterEscapes()
    {
        for (var offset = 0; offset < 100; offset++)
        {
            var json = "\"" + new string('a', offset) + "\\r\\n" + new string('b', 99 - offset) + "\"tail";

            Assert.That(End(json), Is.EqualTo(json.Length - "tail".Length), $"escape at {offset}");
        }
    }

    [Test]
    public void Skip_ControlCharacterAtEveryOffset_Fails()
    {
        for (var offset = 0; offset < 100; offset++)
        {
            var json = "\"" + new string('a', offset) + "\\n\n" + new string('b', 99 - offset) + "\"";

            Assert.That(End(json), Is.EqualTo(-1), $"raw line feed at {offset + 2}");
        }
    }

    [Test]
    public void Skip_EscapedQuoteAndBackslashRuns_EndAtTheUnescapedQuote()
    {
        const string json = @"""\\\""\\""x";

        Assert.That(End(json), Is.EqualTo(json.Length - 1));
    }
}
