using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace HomeCall.Bench.Net;

/// <summary>
/// Opens client WebSockets with as little machinery as possible (a socket, optional TLS, a
/// hand-written RFC 6455 §4.1 handshake, then the runtime's framing), so that the load
/// generator spends its share of the CPU on messages rather than on an HTTP stack.
/// </summary>
internal sealed class WsConnector(Target target)
{
    private const int IpProtocolIp = 0;
    private const int IpBindAddressNoPort = 24; // Linux: take the ephemeral port at connect(), per 4-tuple.
    private const int MaxResponseHead = 8192;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public Target Target => target;

    public async Task<BenchClient> ConnectAsync(Uri url, IPAddress? source, int receiveBuffer, CancellationToken ct)
    {
        var socket = new Socket(target.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (source is not null)
            {
                socket.SetRawSocketOption(IpProtocolIp, IpBindAddressNoPort, BitConverter.GetBytes(1));
                socket.Bind(new IPEndPoint(source, 0));
            }

            await socket.ConnectAsync(target.Address, ct).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (url.Scheme == "wss")
            {
                stream = await AuthenticateAsync(stream, url, ct).ConfigureAwait(false);
            }

            var leftover = await HandshakeAsync(stream, url, ct).ConfigureAwait(false);
            var ws = WebSocket.CreateFromStream(
                leftover.Length > 0 ? new PrefixStream(stream, leftover) : stream,
                new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
            return new BenchClient(ws, receiveBuffer);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<Stream> AuthenticateAsync(Stream stream, Uri url, CancellationToken ct)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions { TargetHost = url.IdnHost };
        if (target.Insecure)
        {
            // --insecure: a self-signed test certificate (Apache on loopback); never the default.
#pragma warning disable CA5359
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        await ssl.AuthenticateAsClientAsync(options, ct).ConfigureAwait(false);
        return ssl;
    }

    /// <summary>Sends the upgrade request, checks the 101 and its accept key; returns bytes read past the head.</summary>
    private static async Task<byte[]> HandshakeAsync(Stream stream, Uri url, CancellationToken ct)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), ct).ConfigureAwait(false);

        var buffer = new byte[MaxResponseHead];
        var length = 0;
        int end;
        while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (length == buffer.Length)
            {
                throw new HandshakeException("response head over 8 KiB");
            }

            var n = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (n == 0)
            {
                throw new HandshakeException("connection closed during the handshake");
            }

            length += n;
        }

        Check(Encoding.ASCII.GetString(buffer, 0, end), key);
        return buffer.AsSpan(end + 4, length - end - 4).ToArray();
    }

    private static void Check(string head, string key)
    {
        var lines = head.Split("\r\n");
        if (!lines[0].StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new HandshakeException($"upgrade refused: {lines[0]}");
        }

        // RFC 6455 §4.2.2 fixes SHA-1 for the accept key; it is a checksum here, not security.
#pragma warning disable CA5350
        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350
        var accept = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .FirstOrDefault(p => p.Length == 2 && p[0].Trim().Equals("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase));
        if (accept is null || accept[1].Trim() != expected)
        {
            throw new HandshakeException("missing or wrong Sec-WebSocket-Accept");
        }
    }
}
