using System.Text;
using System.Text.Json;
using HomeCall.Daemon.Signaling.Json;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>The message-object walker: member ranges and kinds, and when the whole message is one object.</summary>
public sealed class JsonObjectWalkerTests
{
    private const int MaxDepth = 32;

    /// <summary>Each member as key-token=value-text/kind/escapes, and whether the walk completed.</summary>
    private static (List<string> Members, bool Complete) Walk(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var walker = new JsonObjectWalker(bytes, MaxDepth);
        var members = new List<string>();
        while (walker.MoveNext(out var m))
        {
            var key = Encoding.UTF8.GetString(bytes[m.KeyStart..m.KeyEnd]);
            var value = Encoding.UTF8.GetString(bytes[m.ValueStart..m.ValueEnd]);
            members.Add($"{key}={value}/{m.Kind}/{(m.KeyEscaped ? "k" : "")}{(m.ValueEscaped ? "v" : "")}");
        }

        return (members, walker.IsComplete);
    }

    [Test]
    public void MoveNext_Object_YieldsEveryMemberInOrderWithRawRanges()
    {
        var (members, complete) = Walk(" {\"a\" : \"x\\n\" ,\"t\\u0079pe\":\"join\",\"n\":-1.5e3,\"o\":{\"p\":[1]},\"l\":[],\"b\":true,\"f\":false,\"z\":null}\r\n");

        Assert.That(complete, Is.True);
        Assert.That(members, Is.EqualTo(new[]
        {
            "\"a\"=\"x\\n\"/String/v",
            "\"t\\u0079pe\"=\"join\"/String/k",
            "\"n\"=-1.5e3/Number/",
            "\"o\"={\"p\":[1]}/StartObject/",
            "\"l\"=[]/StartArray/",
            "\"b\"=true/True/",
            "\"f\"=false/False/",
            "\"z\"=null/Null/",
        }));
    }

    [TestCase("{}")]
    [TestCase(" { } ")]
    [TestCase("\t\r\n{\t\r\n}\t\r\n")]
    public void MoveNext_EmptyObject_CompletesWithoutMembers(string json)
    {
        Assert.That(Walk(json), Is.EqualTo((new List<string>(), true)));
    }

    [TestCase("")]
    [TestCase("  ")]
    [TestCase("[]")]
    [TestCase("\"{}\"")]
    [TestCase("null")]
    [TestCase("{}{}")]
    [TestCase("{} x")]
    [TestCase("{}\0")]
    [TestCase("{}\f")]
    [TestCase("\u00a0{}")]
    [TestCase("\ufeff{}")]
    [TestCase("{\"a\":1,}")]
    [TestCase("{\"a\":1 \"b\":2}")]
    [TestCase("{\"a\":1}}")]
    [TestCase("{,\"a\":1}")]
    [TestCase("{\"a\":01}")]
    [TestCase("{\"a\":1,\"b\"}")]
    public void MoveNext_NotExactlyOneObject_NotComplete(string json)
    {
        Assert.That(Walk(json).Complete, Is.False);
    }

    [Test]
    public void MoveNext_InvalidValue_StopsBeforeIt()
    {
        var (members, complete) = Walk("{\"a\":1,\"b\":[1,],\"c\":2}");

        Assert.That(members, Is.EqualTo(new[] { "\"a\"=1/Number/" }));
        Assert.That(complete, Is.False);
    }

    [Test]
    public void MoveNext_ValueNestedToTheLimit_ObjectCountsAsOneLevel()
    {
        var ok = "{\"p\":" + new string('[', MaxDepth - 1) + new string(']', MaxDepth - 1) + "}";
        var deep = "{\"p\":" + new string('[', MaxDepth) + new string(']', MaxDepth) + "}";

        Assert.That(Walk(ok).Complete, Is.True);
        Assert.That(Walk(deep).Complete, Is.False);
    }

    [TestCase("{\"type\":\"offer\",\"to\":\"u1\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\"}}")]
    [TestCase("{\"type\":\"candidate\",\"candidate\":null,\"n\":[-0.5e-3,true,false],\"x\":\"\\ud83d\\ude00 é\"}")]
    public void MoveNext_EveryTruncation_NotComplete(string json)
    {
        Assert.That(Walk(json).Complete, Is.True);
        for (var cut = 0; cut < json.Length; cut++)
        {
            Assert.That(Walk(json[..cut]).Complete, Is.False, $"cut at {cut}: {json[..cut]}");
        }
    }

    [TestCase(0)]
    [TestCase(JsonScanner.MaxSupportedDepth + 1)]
    public void Constructor_UnsupportedDepth_Throws(int maxDepth)
    {
        Assert.That(() => new JsonObjectWalker("{}"u8, maxDepth).IsComplete, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void MoveNext_AfterTheEnd_KeepsReturningFalse()
    {
        var walker = new JsonObjectWalker("{\"a\":1}"u8, MaxDepth);
        Assert.That(walker.MoveNext(out _), Is.True);
        Assert.That(walker.MoveNext(out _), Is.False);
        Assert.That(walker.MoveNext(out var member), Is.False);
        Assert.That(member, Is.EqualTo(default(JsonMember)));
        Assert.That(walker.IsComplete, Is.True);
    }
}
