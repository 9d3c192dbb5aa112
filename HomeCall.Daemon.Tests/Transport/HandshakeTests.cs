using System.Text;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class HandshakeTests
{
    [Test]
    public void ComputeAccept_Rfc6455Sample_MatchesRfcValue()
    {
        // RFC 6455 §1.3 worked example.
        Assert.That(Handshake.ComputeAccept("dGhlIHNhbXBsZSBub25jZQ=="), Is.EqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }

    [TestCase("dGhlIHNhbXBsZSBub25jZQ==", true)]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAA==", true)]
    [TestCase(null, false)]
    [TestCase("", false)]
    [TestCase("dGhlIHNhbXBsZSBub25jZQ=", false)] // 23 characters
    [TestCase("dGhlIHNhbXBsZSBub25jZQ===", false)] // 25 characters
    [TestCase("dGhlIHNhbXBsZSBub25j!Q==", false)] // not base64
    [TestCase("dGhlIHNhbXBsZSBub25jZQAA", false)] // 18 bytes, not 16
    public void IsValidKey_Candidate_AcceptsOnlyBase64Of16Bytes(string? key, bool valid)
    {
        Assert.That(Handshake.IsValidKey(key), Is.EqualTo(valid));
    }

    [Test]
    public void SwitchingProtocols_Key_Returns101WithAcceptAndNoSubprotocolOrExtension()
    {
        var text = Encoding.ASCII.GetString(Handshake.SwitchingProtocols("dGhlIHNhbXBsZSBub25jZQ=="));

        Assert.That(text, Does.StartWith("HTTP/1.1 101 Switching Protocols\r\n"));
        Assert.That(text, Does.Contain("\r\nUpgrade: websocket\r\n"));
        Assert.That(text, Does.Contain("\r\nConnection: Upgrade\r\n"));
        Assert.That(text, Does.Contain("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        Assert.That(text, Does.EndWith("\r\n\r\n"));
        // docs/protocol.md §2.1: no subprotocol is selected, no extension (no permessage-deflate).
        Assert.That(text, Does.Not.Contain("Sec-WebSocket-Protocol").And.Not.Contain("Sec-WebSocket-Extensions"));
    }
}
