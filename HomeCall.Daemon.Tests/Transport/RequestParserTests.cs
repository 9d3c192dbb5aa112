using System.Text;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class RequestParserTests
{
    private const string Valid =
        "GET /ws/?roomId=a HTTP/1.1\r\nHost: example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    private static readonly string[] UpgradeHeaderNames = ["Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version"];

    private static ParseResult Parse(string text) => RequestParser.Parse(Encoding.ASCII.GetBytes(text));

    [Test]
    public void Parse_ValidHead_ReturnsRequestLineAndHeadersInOrder()
    {
        var result = Parse(Valid);

        Assert.That(result.Status, Is.EqualTo(ParseStatus.Complete));
        Assert.That(result.HeadLength, Is.EqualTo(Valid.Length));
        Assert.That(result.Head!.Method, Is.EqualTo("GET"));
        Assert.That(result.Head.Target, Is.EqualTo("/ws/?roomId=a"));
        Assert.That(result.Head.Path, Is.EqualTo("/ws/"));
        Assert.That(result.Head.Query, Is.EqualTo("roomId=a"));
        Assert.That(result.Head.Headers.Select(h => h.Key), Is.EqualTo(UpgradeHeaderNames));
        Assert.That(result.Head.Single("Host"), Is.EqualTo("example"));
    }

    [Test]
    public void Parse_EveryCutPointOfValidHead_ReturnsIncomplete()
    {
        var bytes = Encoding.ASCII.GetBytes(Valid);
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            Assert.That(RequestParser.Parse(bytes.AsSpan(0, cut)).Status, Is.EqualTo(ParseStatus.Incomplete), $"cut at {cut}");
        }
    }

    [Test]
    public void Parse_BytesAfterHead_HeadLengthStopsAtBlankLine()
    {
        // docs/protocol.md §2.1: the client's first frame may follow the head in the same read.
        byte[] data = [.. Encoding.ASCII.GetBytes(Valid), 0x81, 0x85, 1, 2, 3, 4];

        var result = RequestParser.Parse(data);

        Assert.That(result.Status, Is.EqualTo(ParseStatus.Complete));
        Assert.That(result.HeadLength, Is.EqualTo(Valid.Length));
    }

    [Test]
    public void Parse_HeaderValuePadding_TrimsSpacesAndTabs()
    {
        var result = Parse("GET / HTTP/1.1\r\nHost: \t example \t\r\n\r\n");

        Assert.That(result.Head!.Single("host"), Is.EqualTo("example"));
    }

    [TestCase("GET / HTTP/1.1\nHost: x\n\n", TestName = "Parse_BareLfHead_ReturnsInvalid")]
    [TestCase("GET / HTTP/1.1\r\nHost: x\n\r\n", TestName = "Parse_OneBareLf_ReturnsInvalid")]
    [TestCase("GET / HTTP/1.1\nHost: x", TestName = "Parse_BareLfBeforeEnd_ReturnsInvalidWithoutWaiting")]
    [TestCase("GET / HTTP/1.1\r\nHost: x\u0001y\r\n\r\n", TestName = "Parse_ControlCharacterInValue_ReturnsInvalid")]
    [TestCase("GET / HTTP/1.1\r\nHost: x\u007Fy\r\n\r\n", TestName = "Parse_DelCharacter_ReturnsInvalid")]
    [TestCase("GET / HTTP/1.1\r\nHost: x\ry\r\n\r\n", TestName = "Parse_BareCrInValue_ReturnsInvalid")]
    [TestCase("GET / HTTP/1.1\r\nHost: x\r\r\n\r\n", TestName = "Parse_BareCrBeforeLineEnd_ReturnsInvalid")]
    [TestCase("GET / HTTP/1.1\r\nHost : x\r\n\r\n", TestName = "Parse_SpaceBeforeColon_ReturnsInvalid")]
    [TestCase("GET / HTTP/1.1\r\nNoColon\r\n\r\n", TestName = "Parse_HeaderWithoutColon_ReturnsInvalid")]
    [TestCase("GET / HTTP/1.1\r\n: empty-name\r\n\r\n", TestName = "Parse_EmptyHeaderName_ReturnsInvalid")]
    [TestCase("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", TestName = "Parse_ObsoleteLineFolding_ReturnsInvalid")]
    [TestCase("GET http://example/ HTTP/1.1\r\nHost: x\r\n\r\n", TestName = "Parse_AbsoluteFormTarget_ReturnsInvalid")]
    [TestCase("GET //evil/ HTTP/1.1\r\nHost: x\r\n\r\n", TestName = "Parse_DoubleSlashTarget_ReturnsInvalid")]
    [TestCase("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", TestName = "Parse_AsteriskTarget_ReturnsInvalid")]
    [TestCase("GET / HTTP/1.0\r\nHost: x\r\n\r\n", TestName = "Parse_Http10_ReturnsInvalid")]
    [TestCase("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", TestName = "Parse_DoubleSpaceInRequestLine_ReturnsInvalid")]
    [TestCase("GET /\r\nHost: x\r\n\r\n", TestName = "Parse_RequestLineWithoutVersion_ReturnsInvalid")]
    [TestCase("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", TestName = "Parse_MethodNotAToken_ReturnsInvalid")]
    [TestCase("\r\n\r\n", TestName = "Parse_EmptyRequestLine_ReturnsInvalid")]
    public void Parse_MalformedHead_ReturnsInvalid(string head)
    {
        Assert.That(Parse(head).Status, Is.EqualTo(ParseStatus.Invalid));
    }

    [Test]
    public void Parse_NonAsciiByte_ReturnsInvalid()
    {
        byte[] head = [.. "GET / HTTP/1.1\r\nHost: "u8, 0xC3, 0xA9, .. "\r\n\r\n"u8];

        Assert.That(RequestParser.Parse(head).Status, Is.EqualTo(ParseStatus.Invalid));
    }

    [Test]
    public void Parse_HeadOfExactlyMaxBytes_ReturnsComplete()
    {
        var head = HeadOfLength(RequestParser.MaxHeadBytes);

        Assert.That(RequestParser.Parse(Encoding.ASCII.GetBytes(head)).Status, Is.EqualTo(ParseStatus.Complete));
    }

    [Test]
    public void Parse_HeadOneByteOverMax_ReturnsTooLarge()
    {
        var head = HeadOfLength(RequestParser.MaxHeadBytes + 1);

        Assert.That(RequestParser.Parse(Encoding.ASCII.GetBytes(head)).Status, Is.EqualTo(ParseStatus.TooLarge));
    }

    [Test]
    public void Parse_MaxBytesWithoutEnd_ReturnsTooLarge()
    {
        var head = "GET / HTTP/1.1\r\nX-Pad: " + new string('a', RequestParser.MaxHeadBytes);

        Assert.That(Parse(head).Status, Is.EqualTo(ParseStatus.TooLarge));
    }

    [Test]
    public void Parse_MoreThan100Headers_ReturnsTooLarge()
    {
        var head = "GET / HTTP/1.1\r\n" + string.Concat(Enumerable.Range(0, 101).Select(i => $"X-{i}: v\r\n")) + "\r\n";

        Assert.That(Parse(head).Status, Is.EqualTo(ParseStatus.TooLarge));
    }

    private static string HeadOfLength(int length)
    {
        const string Start = "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ";
        const string End = "\r\n\r\n";
        return Start + new string('a', length - Start.Length - End.Length) + End;
    }
}
