using System.Buffers;
using System.Buffers.Text;
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
    private const int KeyBytes = 16;
    private const int KeyBase64Length = 24;
    private const int AcceptBase64Length = 28;

    private static ReadOnlySpan<byte> AcceptGuid => "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8;

    public Target Target => target;

    /// <param name="deadlineInToken">the caller's tokens carry each step's deadline (see <see cref="BenchClient"/>)</param>
    public async Task<BenchClient> ConnectAsync(Uri url, IPAddress? source, int receiveBuffer, CancellationToken ct, bool deadlineInToken = false)
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
            return new BenchClient(ws, receiveBuffer, deadlineInToken);
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

    /// <summary>Sends the upgrade request (<see cref="UpgradeRequest"/>), checks the 101 and its accept key; returns bytes read past the head.</summary>
    private static async Task<byte[]> HandshakeAsync(Stream stream, Uri url, CancellationToken ct)
    {
        var key = new byte[KeyBase64Length];
        var expected = new byte[AcceptBase64Length];
        NewKey(key, expected);
        var request = Encoding.ASCII.GetBytes(UpgradeRequest.For(url, Encoding.ASCII.GetString(key)));
        await stream.WriteAsync(request, ct).ConfigureAwait(false);

        var buffer = ArrayPool<byte>.Shared.Rent(MaxResponseHead);
        try
        {
            var length = 0;
            int end;
            while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (length >= MaxResponseHead)
                {
                    throw new HandshakeException("response head over 8 KiB");
                }

                var n = await stream.ReadAsync(buffer.AsMemory(length, MaxResponseHead - length), ct).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new HandshakeException("connection closed during the handshake");
                }

                length += n;
            }

            UpgradeResponse.Check(buffer.AsSpan(0, end), expected);
            return length == end + 4 ? [] : buffer.AsSpan(end + 4, length - end - 4).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A fresh Sec-WebSocket-Key (RFC 6455 §4.1: 16 random bytes, base64) and the accept value the server must answer with.</summary>
    private static void NewKey(Span<byte> keyBase64, Span<byte> acceptBase64)
    {
        Span<byte> nonce = stackalloc byte[KeyBytes];
        // The nonce only has to differ per connection (RFC 6455 §4.1, so caches cannot answer for the
        // server); a load generator needs no cryptographic generator, and OpenSSL's costs a call.
#pragma warning disable CA5394
        Random.Shared.NextBytes(nonce);
#pragma warning restore CA5394
        Base64.EncodeToUtf8(nonce, keyBase64, out _, out _);
        AcceptFor(keyBase64, acceptBase64);
    }

    /// <summary>RFC 6455 §4.2.2: base64 of SHA-1 over the key (as sent, base64) followed by the GUID.</summary>
    internal static void AcceptFor(ReadOnlySpan<byte> keyBase64, Span<byte> acceptBase64)
    {
        Span<byte> keyAndGuid = stackalloc byte[KeyBase64Length + AcceptGuid.Length];
        keyBase64.CopyTo(keyAndGuid);
        AcceptGuid.CopyTo(keyAndGuid[KeyBase64Length..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        // RFC 6455 §4.2.2 fixes SHA-1 for the accept key; it is a checksum here, not security.
#pragma warning disable CA5350
        SHA1.HashData(keyAndGuid, hash);
#pragma warning restore CA5350
        Base64.EncodeToUtf8(hash, acceptBase64, out _, out _);
    }
}
