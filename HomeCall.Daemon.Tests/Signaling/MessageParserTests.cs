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
