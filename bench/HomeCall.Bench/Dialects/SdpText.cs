using System.Text;

namespace HomeCall.Bench.Dialects;

/// <summary>
/// Offer-like SDP text, JSON-escaped (`\r\n` line ends as in a real RTCSessionDescription),
/// of an exact byte length, so relays carry the escapes and characters a browser's would.
/// </summary>
internal static class SdpText
{
    private static readonly string[] Lines =
    [
        "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1",
        "a=extmap-allow-mixed", "a=msid-semantic: WMS stream", "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
        "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0", "a=ice-ufrag:Vq3e", "a=ice-pwd:b3lcHSxVh1tU0Rm6kXq2Lj1G",
        "a=ice-options:trickle", "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08",
        "a=setup:actpass", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1",
        "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103", "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 goog-remb", "a=rtcp-fb:96 transport-cc",
    ];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Cache = new();

    /// <summary>Escaped SDP of exactly <paramref name="bytes"/> bytes (ASCII), padded with spaces.</summary>
    public static string Escaped(int bytes) => Cache.GetOrAdd(bytes, Build);

    private static string Build(int bytes)
    {
        var text = new StringBuilder(bytes);
        for (var i = 0; ; i++)
        {
            var line = Lines[i % Lines.Length] + "\\r\\n";
            if (text.Length + line.Length > bytes)
            {
                break;
            }

            text.Append(line);
        }

        return text.Append(' ', bytes - text.Length).ToString();
    }
}
