using System.Text;
using HomeCall.Daemon.Signaling.Json;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>Decoding escaped tokens exactly as Utf8JsonReader does, without allocating.</summary>
public sealed class JsonStringTokenTests
{
    private static byte[] Token(string json) => Encoding.UTF8.GetBytes(json);

    [TestCase(@"""t\u0079pe""")]
    [TestCase(@"""\ud83d\ude00""")]
    [TestCase(@"""a\r\n\""\\\/\b\f\t""")]
    [TestCase(@"""plain""")]
    public void EnsureDecodable_ValidEscapes_DoesNotThrow(string json)
    {
        Assert.That(() => JsonStringToken.EnsureDecodable(Token(json)), Throws.Nothing);
    }

    [TestCase(@"""\ud800""")]
    [TestCase(@"""\udc00""")]
    [TestCase(@"""\ud800\u0041""")]
    [TestCase(@"""\ude00\ud83d""")]
    [TestCase(@"""x\ud83d""")]
    public void EnsureDecodable_LoneSurrogate_Throws(string json)
    {
        Assert.That(() => JsonStringToken.EnsureDecodable(Token(json)), Throws.InvalidOperationException);
    }

    [Test]
    public void EnsureDecodable_LongTokens_DecodedFromAPooledBuffer()
    {
        var padding = new string('a', 600);

        Assert.That(() => JsonStringToken.EnsureDecodable(Token("\"" + padding + "\\u0041\"")), Throws.Nothing);
        Assert.That(() => JsonStringToken.EnsureDecodable(Token("\"" + padding + "\\ud800\"")), Throws.InvalidOperationException);
    }

    [Test]
    public void EnsureDecodable_InvalidUtf8NextToAnEscape_Throws()
    {
        byte[] token = [(byte)'"', (byte)'\\', (byte)'n', 0xFF, (byte)'"'];

        Assert.That(() => JsonStringToken.EnsureDecodable(token), Throws.InvalidOperationException);
    }

    [Test]
    public void TryUnescape_ShortToken_WritesItsUtf8Text()
    {
        Span<byte> text = stackalloc byte[32];

        Assert.That(JsonStringToken.TryUnescape(Token(@"""t\u0079p\u00e9"""), text, out var written), Is.True);
        Assert.That(Encoding.UTF8.GetString(text[..written]), Is.EqualTo("typé"));
    }

    [Test]
    public void TryUnescape_TokenLongerThanTheBuffer_False()
    {
        Span<byte> text = stackalloc byte[4];

        Assert.That(JsonStringToken.TryUnescape(Token(@"""\u0074yp"""), text, out var written), Is.False);
        Assert.That(written, Is.Zero);
    }

    [TestCase(@"""type""", false, true)]
    [TestCase(@"""typ\u0065""", true, true)]
    [TestCase(@"""\u0054ype""", true, false)]
    [TestCase(@"""types""", false, false)]
    [TestCase(@"""typ""", false, false)]
    public void TextEquals_Token_ComparesItsText(string json, bool escaped, bool expected)
    {
        Assert.That(JsonStringToken.TextEquals(Token(json), escaped, "type"u8), Is.EqualTo(expected));
    }
}
