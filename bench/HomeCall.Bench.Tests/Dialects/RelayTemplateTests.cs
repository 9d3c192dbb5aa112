using System.Text.Json;
using HomeCall.Bench.Dialects;

namespace HomeCall.Bench.Tests.Dialects;

public sealed class RelayTemplateTests
{
    private static readonly JoinedRoom Room = new("5b0c7f4e-8f5a-4c1e-9d36-2f1b8c4a7e10", ["u0", "u1"]);

    [TestCase("numeric")]
    [TestCase("homecall")]
    [TestCase("mesh")]
    [TestCase("session")]
    public void Stamp_AnyDialect_ValidJsonThatScansBack(string dialect)
    {
        var template = DialectList.Parse(dialect)[0].Relay(Room, 0, 1, 800);
        var bytes = template.Stamp(123_456, 9_876_543_210).ToArray();

        using var doc = JsonDocument.Parse(bytes);
        Assert.Multiple(() =>
        {
            Assert.That(MessageScan.TryReadStamp(bytes, out var seq, out var ts), Is.True);
            Assert.That(seq, Is.EqualTo(123_456));
            Assert.That(ts, Is.EqualTo(9_876_543_210));
            Assert.That(template.PayloadBytes, Is.EqualTo(800));
        });
    }

    [Test]
    public void Stamp_Again_OverwritesDigitsInPlace()
    {
        var template = new NumericDialect().Relay(Room, 0, 1, 300);
        template.Stamp(999_999, 5);
        var bytes = template.Stamp(1, 2).ToArray();

        Assert.That(MessageScan.TryReadStamp(bytes, out var seq, out var ts) && seq == 1 && ts == 2, Is.True);
    }

    [Test]
    public void Relay_ServerRebuiltNumericMessage_StampSurvives()
    {
        // The server re-wraps the payload as {type, senderId, payload} (docs/protocol.md §7.1): the stamp is inside the payload.
        var sent = JsonDocument.Parse(new NumericDialect().Relay(Room, 0, 1, 500).Stamp(7, 8).ToArray());
        var relayed = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = "signal",
            ["senderId"] = "a",
            ["payload"] = sent.RootElement.GetProperty("payload"),
        });

        Assert.That(MessageScan.TryReadStamp(relayed, out var seq, out _) && seq == 7, Is.True);
    }

    [TestCase(120)]
    [TestCase(800)]
    [TestCase(4000)]
    public void Escaped_AnyLength_ExactBytes(int bytes) => Assert.That(SdpText.Escaped(bytes), Has.Length.EqualTo(bytes));
}
