using System.Text;
using HomeCall.Bench.Dialects;

namespace HomeCall.Bench.Micro;

/// <summary>
/// The client message of each <see cref="RelayCase"/>, as a browser would send it: an
/// offer or answer is an RTCSessionDescription with 800 bytes of SDP, a candidate is an
/// RTCIceCandidate's JSON.
/// </summary>
internal static class RelayMessages
{
    public const int PayloadBytes = 800;

    private const string Candidate =
        "{\"candidate\":\"candidate:842163049 1 udp 1677729535 198.51.100.7 46154 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag Vq3e network-cost 999\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}";

    public static byte[] For(RelayCase c, string sessionId) => Encoding.UTF8.GetBytes(c switch
    {
        RelayCase.NumericSignal => "{\"type\":\"signal\",\"payload\":" + Description("offer") + "}",
        RelayCase.HomecallOffer => "{\"type\":\"offer\",\"to\":\"u1\",\"sdp\":" + Description("offer") + "}",
        RelayCase.HomecallAnswer => "{\"type\":\"answer\",\"to\":\"u1\",\"sdp\":" + Description("answer") + "}",
        RelayCase.HomecallCandidate => "{\"type\":\"candidate\",\"to\":\"u1\",\"candidate\":" + Candidate + "}",
        RelayCase.MeshOffer => "{\"type\":\"offer\",\"targetUserId\":\"u1\",\"sdp\":" + Description("offer") + "}",
        RelayCase.MeshAnswer => "{\"type\":\"answer\",\"targetUserId\":\"u1\",\"sdp\":" + Description("answer") + "}",
        RelayCase.MeshIceCandidate => "{\"type\":\"ice-candidate\",\"targetUserId\":\"u1\",\"candidate\":" + Candidate + "}",
        RelayCase.SessionOffer => "{\"type\":\"offer\",\"room\":\"" + sessionId + "\",\"sdp\":" + Description("offer") + "}",
        RelayCase.SessionAnswer => "{\"type\":\"answer\",\"room\":\"" + sessionId + "\",\"sdp\":" + Description("answer") + "}",
        _ => "{\"type\":\"candidate\",\"room\":\"" + sessionId + "\",\"candidate\":" + Candidate + "}",
    });

    private static string Description(string type)
    {
        var head = "{\"type\":\"" + type + "\",\"sdp\":\"";
        return head + SdpText.Escaped(PayloadBytes - head.Length - 2) + "\"}";
    }
}
