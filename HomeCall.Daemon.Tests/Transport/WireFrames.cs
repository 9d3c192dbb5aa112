using System.Text;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>Reads back what a send queue wrote.</summary>
internal static class WireFrames
{
    /// <summary>The payloads of the unmasked text frames (RFC 6455 §5.2, payloads under 126 bytes) in <paramref name="wire"/>, stopping at the close frame.</summary>
    public static List<string> TextPayloads(byte[] wire)
    {
        var payloads = new List<string>();
        for (var at = 0; at < wire.Length && wire[at] == 0x81;)
        {
            var length = wire[at + 1];
            payloads.Add(Encoding.ASCII.GetString(wire, at + 2, length));
            at += 2 + length;
        }

        return payloads;
    }
}
