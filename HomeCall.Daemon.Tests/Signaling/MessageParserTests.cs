using System.Text;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.Signaling;

public sealed class MessageParserTests
{
    private static bool Parse(string json, out MessageType type, out KnownFields fields) =>
        MessageParser.TryParse(Encoding.UTF8.GetBytes(json), out type, out fields);

    private static bool Parses(string json) => Parse(json, out _, out _);

    /// <summary>A message whose payload nests arrays so that the whole message is <paramref name="levels"/> deep.</summary>
    private static string Nested(int levels) =>
        "{\"type\":\"signal\",\"payload\":" + new string('[', levels - 1) + new string(']', levels - 1) + "}";

    [TestCase("{\"type\":\"join\"}", "Join")]
    [TestCase("{\"type\":\"leave\"}", "Leave")]
    [TestCase("{\"type\":\"offer\"}", "Offer")]
    [TestCase("{\"type\":\"answer\"}", "Answer")]
    [TestCase("{\"type\":\"candidate\"}", "Candidate")]
    [TestCase("{\"type\":\"ice-candidate\"}", "IceCandidate")]
    [TestCase("{\"type\":\"create\"}", "Create")]
    [TestCase("{\"type\":\"signal\"}", "Signal")]
    [TestCase("{\"type\":\"hello\"}", "Unknown")]
    [TestCase("{\"type\":\"Join\"}", "Unknown")]
    [TestCase("{\"t\\u0079pe\":\"j\\u006fin\"}", "Join")]
    public void TryParse_StringType_RecognisesType(string json, string expected)
    {
        Assert.That(Parse(json, out var type, out _), Is.True);
        Assert.That(type.ToString(), Is.EqualTo(expected));
    }

    [TestCase("", TestName = "TryParse_Empty_Fails")]
    [TestCase("   ", TestName = "TryParse_Whitespace_Fails")]
    [TestCase("{", TestName = "TryParse_Truncated_Fails")]
    [TestCase("{\"type\":\"join\",}", TestName = "TryParse_TrailingComma_Fails")]
    [TestCase("{'type':'join'}", TestName = "TryParse_SingleQuotes_Fails")]
    [TestCase("{\"type\":\"join\"} x", TestName = "TryParse_TrailingGarbage_Fails")]
    [TestCase("{\"type\":\"join\"}{}", TestName = "TryParse_TwoObjects_Fails")]
    [TestCase("{\"type\":\"join\"/*c*/}", TestName = "TryParse_Comment_Fails")]
    [TestCase("[{\"type\":\"join\"}]", TestName = "TryParse_Array_Fails")]
    [TestCase("\"join\"", TestName = "TryParse_String_Fails")]
    [TestCase("42", TestName = "TryParse_Number_Fails")]
    [TestCase("null", TestName = "TryParse_Null_Fails")]
    [TestCase("{}", TestName = "TryParse_NoType_Fails")]
    [TestCase("{\"type\":null}", TestName = "TryParse_NullType_Fails")]
    [TestCase("{\"type\":7}", TestName = "TryParse_NumberType_Fails")]
    [TestCase("{\"type\":{\"name\":\"join\"}}", TestName = "TryParse_ObjectType_Fails")]
    [TestCase("{\"type\":[\"join\"]}", TestName = "TryParse_ArrayType_Fails")]
    [TestCase("{\"type\":\"join\",\"type\":\"join\"}", TestName = "TryParse_DuplicatedType_Fails")]
    [TestCase("{\"type\":\"join\",\"room\":\"a\",\"room\":\"b\"}", TestName = "TryParse_DuplicatedRoom_Fails")]
    [TestCase("{\"type\":\"join\",\"user\":\"a\",\"user\":\"b\"}", TestName = "TryParse_DuplicatedUser_Fails")]
    [TestCase("{\"type\":\"offer\",\"to\":\"a\",\"t\\u006f\":\"b\"}", TestName = "TryParse_DuplicatedEscapedKey_Fails")]
    [TestCase("{\"type\":\"offer\",\"sdp\":\"a\",\"sdp\":\"b\"}", TestName = "TryParse_DuplicatedSdp_Fails")]
    [TestCase("{\"type\":\"signal\",\"payload\":1,\"payload\":2}", TestName = "TryParse_DuplicatedPayload_Fails")]
    [TestCase("{\"type\":\"offer\",\"from\":\"a\",\"from\":\"a\"}", TestName = "TryParse_DuplicatedFrom_Fails")]
    [TestCase("{\"type\":\"join\",\"room\":\"\\ud800\",\"user\":\"u\"}", TestName = "TryParse_LoneSurrogateInKnownField_Fails")]
    [TestCase("{\"type\":\"offer\",\"to\":\"b\",\"sdp\":\"x\",\"\\udc00\":1}", TestName = "TryParse_LoneSurrogateInPropertyName_Fails")]
    [TestCase("{\"type\":\"j\\ud800oin\"}", TestName = "TryParse_LoneSurrogateInType_Fails")]
    [TestCase("{\"type\":\"offer\",\"to\":\"b\\udfff\"}", TestName = "TryParse_LoneSurrogateInTo_Fails")]
    [TestCase("{\"type\":\"offer\",\"x\":\"\\u12\"}", TestName = "TryParse_ShortUnicodeEscape_Fails")]
    [TestCase("{\"type\":\"offer\",\"x\":\"\\a\"}", TestName = "TryParse_UnknownEscape_Fails")]
    [TestCase("{\"type\":\"offer\",\"x\":\"a\tb\"}", TestName = "TryParse_RawTabInString_Fails")]
    [TestCase("{\"type\":\"offer\",\"x\":01}", TestName = "TryParse_LeadingZero_Fails")]
    [TestCase("{\"type\":\"offer\",\"x\":1.}", TestName = "TryParse_TrailingDot_Fails")]
    [TestCase("{\"type\":\"offer\",\"x\":.5}", TestName = "TryParse_LeadingDot_Fails")]
    [TestCase("{\"type\":\"offer\",\"x\":+1}", TestName = "TryParse_PlusSign_Fails")]
    [TestCase("{\"type\":\"offer\",\"x\":-}", TestName = "TryParse_BareMinus_Fails")]
    [TestCase("\f{\"type\":\"join\"}", TestName = "TryParse_FormFeedWhitespace_Fails")]
    [TestCase("\ufeff{\"type\":\"join\"}", TestName = "TryParse_ByteOrderMark_Fails")]
    public void TryParse_NotOneObjectWithStringType_Fails(string json)
    {
        Assert.That(Parses(json), Is.False);
    }

    [Test]
    public void TryParse_DuplicatedUnknownKey_Succeeds()
    {
        Assert.That(Parses("{\"type\":\"offer\",\"extra\":1,\"extra\":2}"), Is.True);
    }

    [Test]
    public void TryParse_LoneSurrogateInOpaqueBody_Succeeds()
    {
        // sdp, candidate and payload are copied raw to the peer, never decoded here.
        Assert.That(Parses("{\"type\":\"offer\",\"to\":\"b\",\"sdp\":\"\\ud800\"}"), Is.True);
    }

    [TestCase("{\"type\":\"offer\",\"to\":\"b\",\"candidate\":\"\\udc00\"}")]
    [TestCase("{\"type\":\"signal\",\"payload\":{\"\\ud800\":[\"\\udfff\"]}}")]
    [TestCase("{\"type\":\"offer\",\"x\":\"\\ud800\"}")]
    public void TryParse_LoneSurrogateInOpaqueOrUnknownValue_Succeeds(string json)
    {
        Assert.That(Parses(json), Is.True);
    }

    [Test]
    public void TryParse_EscapedIdentityValue_RecordsItsRawRange()
    {
        const string json = "{\"type\":\"join\",\"room\":\"r\\u00e9\",\"user\":\"\\ud83d\\ude00\"}";

        Assert.That(Parse(json, out _, out var f), Is.True);

        Assert.That(json[f.Room.Start..f.Room.End], Is.EqualTo("\"r\\u00e9\""));
        Assert.That(json[f.User.Start..f.User.End], Is.EqualTo("\"\\ud83d\\ude00\""));
    }

    [Test]
    public void TryParse_LongEscapedKeys_DecodedWhateverTheirLength()
    {
        var padding = new string('k', 400);

        Assert.That(Parses("{\"type\":\"offer\",\"" + padding + "\\u0041\":1}"), Is.True);
        Assert.That(Parses("{\"type\":\"offer\",\"" + padding + "\\ud800\":1}"), Is.False);
        Assert.That(Parses("{\"type\":\"offer\",\"" + padding + "\\u0041\":1,\"" + padding + "\\u0041\":2}"), Is.True, "an unknown key twice");
    }

    [Test]
    public void TryParse_EveryTruncationOfAnOffer_Fails()
    {
        const string json = "{\"type\":\"offer\",\"to\":\"u1\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 46 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\n\"},\"n\":-1.5e3}";

        Assert.That(Parses(json), Is.True);
        for (var cut = 0; cut < json.Length; cut++)
        {
            Assert.That(Parses(json[..cut]), Is.False, json[..cut]);
        }
    }

    [Test]
    public void TryParse_OfferWithEscapes_AllocatesNothing()
    {
        var sdp = string.Concat(Enumerable.Repeat("a=candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\\r\\n", 12));
        var json = Encoding.UTF8.GetBytes("{\"t\\u0079pe\":\"offer\",\"to\":\"b\\u00e9\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"}}");
        Assert.That(MessageParser.TryParse(json, out _, out _), Is.True);

        // The fewest bytes any of several rounds allocated: a one-off runtime allocation on this
        // thread must not count, a per-call one always shows.
        var accepted = 0;
        var allocated = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                accepted += MessageParser.TryParse(json, out _, out _) ? 1 : 0;
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.That(allocated, Is.Zero);
        Assert.That(accepted, Is.EqualTo(500));
    }

    [Test]
    public void TryParse_DepthOfObjects32_Succeeds()
    {
        var json = "{\"type\":\"signal\",\"payload\":" + string.Concat(Enumerable.Repeat("{\"a\":", 30)) + "{}" + new string('}', 30) + "}";

        Assert.That(Parses(json), Is.True);
        Assert.That(Parses(json.Replace("{}", "{\"b\":[]}", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public void TryParse_Depth32_Succeeds()
    {
        Assert.That(Parses(Nested(32)), Is.True);
    }

    [Test]
    public void TryParse_Depth33_Fails()
    {
        Assert.That(Parses(Nested(33)), Is.False);
    }

    [Test]
    public void TryParse_KnownFields_RecordsRawValueAndKind()
    {
        const string json = "{\"type\":\"offer\",\"to\":\"bob\",\"sdp\":{\"a\":[1,2]},\"candidate\":null,\"x\":true}";

        Assert.That(Parse(json, out _, out var f), Is.True);

        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.That(Encoding.UTF8.GetString(bytes[f.To.Start..f.To.End]), Is.EqualTo("\"bob\""));
        Assert.That(Encoding.UTF8.GetString(bytes[f.Sdp.Start..f.Sdp.End]), Is.EqualTo("{\"a\":[1,2]}"));
        Assert.That(f.Sdp.IsObject, Is.True);
        Assert.That(f.Candidate.IsNull, Is.True);
        Assert.That(f.From.IsPresent, Is.False);
    }

    [Test]
    public void TryParse_WhitespaceAroundObject_Succeeds()
    {
        Assert.That(Parses(" \r\n\t{ \"type\" : \"create\" } \n"), Is.True);
    }
}
