using System.Text;

namespace HomeCall.Bench.Dialects;

/// <summary>
/// One sender's outgoing relay message, built once: the dialect's envelope around an
/// RTCSessionDescription-like object `{"seq":"…","ts":"…","type":"offer","sdp":"…"}` whose
/// fixed-width digit strings are rewritten in place before each send. (Strings, because
/// JSON numbers may not have leading zeros.) Sends on one connection are sequential, and
/// the framing layer copies the bytes while masking, so one buffer per sender suffices.
/// </summary>
internal sealed class RelayTemplate
{
    private readonly int _seqAt;
    private readonly int _tsAt;

    /// <param name="envelopeStart">the dialect's fields before the payload object, e.g. `{"type":"signal","payload":`</param>
    /// <param name="payloadBytes">size of the payload object in bytes (the SDP text is padded to reach it)</param>
    public RelayTemplate(string envelopeStart, int payloadBytes)
    {
        var head = "{\"seq\":\"" + new string('0', MessageScan.SeqDigits) + "\",\"ts\":\"" + new string('0', MessageScan.TsDigits)
            + "\",\"type\":\"offer\",\"sdp\":\"";
        const string Tail = "\"}";
        var sdp = SdpText.Escaped(Math.Max(0, payloadBytes - head.Length - Tail.Length));
        var payload = head + sdp + Tail;
        Bytes = Encoding.UTF8.GetBytes(envelopeStart + payload + "}");
        PayloadBytes = Encoding.UTF8.GetByteCount(payload);
        _seqAt = Encoding.UTF8.GetByteCount(envelopeStart) + "{\"seq\":\"".Length;
        _tsAt = _seqAt + MessageScan.SeqDigits + MessageScan.TsKey.Length;
    }

    public byte[] Bytes { get; }

    public int PayloadBytes { get; }

    public ReadOnlyMemory<byte> Stamp(long seq, long timestamp)
    {
        WriteDigits(Bytes.AsSpan(_seqAt, MessageScan.SeqDigits), seq);
        WriteDigits(Bytes.AsSpan(_tsAt, MessageScan.TsDigits), timestamp);
        return Bytes;
    }

    private static void WriteDigits(Span<byte> target, long value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
