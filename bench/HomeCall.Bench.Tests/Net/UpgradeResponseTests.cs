using System.Text;
using HomeCall.Bench.Net;

namespace HomeCall.Bench.Tests.Net;

/// <summary>The client side of the RFC 6455 §4.1 handshake check, on raw response heads.</summary>
public sealed class UpgradeResponseTests
{
    // RFC 6455 §1.3: key "dGhlIHNhbXBsZSBub25jZQ==" is answered with this accept value.
    private const string RfcAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    [Test]
    public void AcceptFor_RfcKey_RfcAccept()
    {
        var accept = new byte[RfcAccept.Length];

        WsConnector.AcceptFor("dGhlIHNhbXBsZSBub25jZQ=="u8, accept);

        Assert.That(Encoding.ASCII.GetString(accept), Is.EqualTo(RfcAccept));
    }

    [TestCase("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + RfcAccept)]
    [TestCase("HTTP/1.1 101 Switching Protocols\r\nsec-websocket-accept:" + RfcAccept + " \r\nUpgrade: websocket")]
    public void Check_SwitchingWithRightAccept_Passes(string head) =>
        Assert.That(() => UpgradeResponse.Check(Encoding.ASCII.GetBytes(head), Encoding.ASCII.GetBytes(RfcAccept)), Throws.Nothing);

    [Test]
    public void Check_ServiceUnavailable_ThrowsWithStatusLine() =>
        Assert.That(
            () => UpgradeResponse.Check("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0"u8.ToArray(), Encoding.ASCII.GetBytes(RfcAccept)),
            Throws.TypeOf<HandshakeException>().With.Message.Contains("503"));

    [TestCase("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: AAAAPLMBiTxaQ9kYGzzhZRbK+xOo=")]
    [TestCase("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket")]
    [TestCase("HTTP/1.1 101 Switching Protocols")]
    public void Check_WrongOrMissingAccept_Throws(string head) =>
        Assert.That(
            () => UpgradeResponse.Check(Encoding.ASCII.GetBytes(head), Encoding.ASCII.GetBytes(RfcAccept)),
            Throws.TypeOf<HandshakeException>().With.Message.Contains("Sec-WebSocket-Accept"));
}
