using System.Text;
using HomeCall.Daemon.Signaling.Json;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>RFC 8259 §4, §5 objects and arrays, and the reader's MaxDepth rule.</summary>
public sealed class JsonContainersTests
{
    private const int MaxDepth = 32;

    private static int End(string json, int enclosing = 0) =>
        JsonContainers.Skip(Encoding.UTF8.GetBytes(json), 0, enclosing, MaxDepth);

    /// <summary><paramref name="levels"/> containers, arrays and objects alternating, around a number.</summary>
    private static string Nested(int levels)
    {
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            open.Append(i % 2 == 0 ? "[" : "{\"k\": ");
            close.Insert(0, i % 2 == 0 ? "]" : "}");
        }

        return open + "1" + close;
    }

    [TestCase("[]")]
    [TestCase("{}")]
    [TestCase("[ ]")]
    [TestCase("{ \r\n\t}")]
    [TestCase("[1,\"a\",true,false,null,[],{}]")]
    [TestCase("{\"a\":1,\"b\":{\"c\":[{\"d\":\"\\u00e9\"}]},\"a\":2}")]
    [TestCase("[ 1 , [ 2 ] , { \"k\" : 3 } ]")]
    [TestCase("[[],[[]],[[],[]]]")]
    public void Skip_ValidContainer_EndsAfterItsCloser(string json)
    {
        Assert.That(End(json + "]}, x"), Is.EqualTo(json.Length));
    }

    [TestCase("[1,]")]
    [TestCase("{\"a\":1,}")]
    [TestCase("[,]")]
    [TestCase("[,1]")]
    [TestCase("{,}")]
    [TestCase("[1 2]")]
    [TestCase("{\"a\" 1}")]
    [TestCase("{\"a\"}")]
    [TestCase("{\"a\":}")]
    [TestCase("{\"a\"::1}")]
    [TestCase("{1:2}")]
    [TestCase("{'a':1}")]
    [TestCase("{a:1}")]
    [TestCase("[}")]
    [TestCase("{]")]
    [TestCase("[1}")]
    [TestCase("{\"a\":1]")]
    [TestCase("[01]")]
    [TestCase("[1.]")]
    [TestCase("[truex]")]
    [TestCase("[\"a\"\"b\"]")]
    [TestCase("[1/**/]")]
    [TestCase("[\f]")]
    [TestCase("[")]
    [TestCase("[1")]
    [TestCase("[1,")]
    [TestCase("{\"a\":[1,{\"b\":2}")]
    [TestCase("{\"a")]
    public void Skip_InvalidContainer_Fails(string json)
    {
        Assert.That(End(json), Is.EqualTo(-1));
    }

    [Test]
    public void Skip_ThirtyTwoLevels_Succeeds()
    {
        var json = Nested(MaxDepth);

        Assert.That(End(json), Is.EqualTo(json.Length));
    }

    [Test]
    public void Skip_ThirtyThreeLevels_Fails()
    {
        Assert.That(End(Nested(MaxDepth + 1)), Is.EqualTo(-1));
    }

    [Test]
    public void Skip_InsideTheMessageObject_ThirtyOneMoreLevelsOnly()
    {
        Assert.That(End(Nested(MaxDepth - 1), enclosing: 1), Is.GreaterThan(0));
        Assert.That(End(Nested(MaxDepth), enclosing: 1), Is.EqualTo(-1));
    }

    [Test]
    public void Skip_ManySiblingsAtTheDeepestLevel_Succeeds()
    {
        var deepest = string.Join(",", Enumerable.Repeat(Nested(MaxDepth - 1), 10));
        var json = "[" + deepest + "]";

        Assert.That(End(json), Is.EqualTo(json.Length));
    }

    [Test]
    public void Skip_ContainersInSequence_CountOnlyOpenLevels()
    {
        // Closing a container frees its level: 40 containers in sequence, never more than 2 open.
        var json = "[" + string.Join(",", Enumerable.Repeat("[]", 40)) + "]";

        Assert.That(JsonContainers.Skip(Encoding.UTF8.GetBytes(json), 0, 0, 2), Is.EqualTo(json.Length));
    }
}
