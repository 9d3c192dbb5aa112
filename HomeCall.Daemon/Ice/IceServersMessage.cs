using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HomeCall.Daemon.Ice;

/// <summary>
/// `{"type":"ice-servers","iceServers":[RTCIceServer…],"expiresAt":N}` (docs/protocol.md §3.8):
/// one RTCIceServer with the STUN URLs, one with the TURN URLs and fresh credentials, each left
/// out when its list is empty. The same bytes go over WebSocket and GET /ice-servers.
/// </summary>
internal static class IceServersMessage
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(IceServerSettings settings, DateTimeOffset now)
    {
        var expiresAt = (now + settings.CredentialLifetime).ToUnixTimeSeconds();
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("type", "ice-servers");
            w.WriteStartArray("iceServers");
            if (settings.StunUrls.Count > 0)
            {
                WriteServer(w, settings.StunUrls);
                w.WriteEndObject();
            }

            if (settings.HasTurn)
            {
                var username = TurnCredentials.Username(expiresAt, TurnCredentials.NewId());
                WriteServer(w, settings.TurnUrls);
                w.WriteString("username", username);
                w.WriteString("credential", TurnCredentials.Credential(settings.TurnSecret, username));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("expiresAt", expiresAt);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Opens an RTCIceServer object with its urls; the caller adds credentials and closes it.</summary>
    private static void WriteServer(Utf8JsonWriter w, IReadOnlyList<string> urls)
    {
        w.WriteStartObject();
        w.WriteStartArray("urls");
        foreach (var url in urls)
        {
            w.WriteStringValue(url);
        }

        w.WriteEndArray();
    }
}
