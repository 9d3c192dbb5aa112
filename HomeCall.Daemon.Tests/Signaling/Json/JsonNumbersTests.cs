using System.Text;
using HomeCall.Daemon.Signaling.Json;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>RFC 8259 §6 number grammar: where a number ends, or that none starts.</summary>
public sealed class JsonNumbersTests
{
    private static int End(string json) => JsonNumbers.Skip(Encoding.ASCII.GetBytes(json), 0);

    [TestCase("0")]
    [TestCase("-0")]
    [TestCase("7")]
    [TestCase("-1")]
    [TestCase("10")]
    [TestCase("12345678901234567890")]
    [TestCase("1.5")]
    [TestCase("-0.0")]
    [TestCase("0.000")]
    [TestCase("0e0")]
    [TestCase("1E5")]
    [TestCase("1e+5")]
    [TestCase("1e-5")]
    [TestCase("-1.25E-10")]
    [TestCase("1e400")]
    [TestCase("1e0001")]
    public void Skip_ValidNumber_EndsAtItsLastDigit(string json)
    {
        Assert.That(End(json), Is.EqualTo(json.Length));
    }

    [TestCase("-")]
    [TestCase("+1")]
    [TestCase(".5")]
    [TestCase("1.")]
    [TestCase("1.e5")]
    [TestCase("1e")]
    [TestCase("1e+")]
    [TestCase("1E-")]
    [TestCase("--1")]
    [TestCase("-a")]
    [TestCase("- 1")]
    [TestCase("")]
    [TestCase("x")]
    [TestCase("NaN")]
    [TestCase("-Infinity")]
    public void Skip_NotANumber_Fails(string json)
    {
        Assert.That(End(json), Is.EqualTo(-1));
    }

    [TestCase("01", 1)]
    [TestCase("-00", 2)]
    [TestCase("0x1", 1)]
    [TestCase("1.5.3", 3)]
    [TestCase("1e5e5", 3)]
    [TestCase("12a", 2)]
    [TestCase("3 ", 1)]
    public void Skip_NumberFollowedByMore_EndsWhereTheGrammarStops(string json, int end)
    {
        // The caller then rejects what follows unless it is a separator, a closer or whitespace.
        Assert.That(End(json), Is.EqualTo(end));
    }
}
