using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// A WebSocket client on a bare TCP socket (RFC 6455 framing by hand), for what
/// <c>ClientWebSocket</c> cannot do: put a frame in the same write as the upgrade head,
/// count or ignore the server's pings, stop reading, bind a source address.
/// </summary>
internal sealed class RawWebSocket : IDisposable
{
    private readonly Socket _socket;

    private RawWebSocket(Socket socket, string responseHead)
    {
        _socket = socket;
        ResponseHead = responseHead;
    }

    public string ResponseHead { get; }

    public Socket Socket => _socket;

    public int PingsSeen { get; private set; }

    /// <summary>
    /// Connects, sends the upgrade head (and <paramref name="sameWrite"/> in the same write) and
    /// reads the 101; throws when the server answered anything else.
    /// </summary>
    public static async Task<RawWebSocket> ConnectAsync(
        IPEndPoint server, string path = "/", byte[]? sameWrite = null, IPAddress? source = null, int? receiveBuffer = null, string extraHeaders = "")
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (receiveBuffer is { } size)
            {
                socket.ReceiveBufferSize = size;
            }

            if (source is not null)
            {
                socket.Bind(new IPEndPoint(source, 0));
            }

            using var cts = new CancellationTokenSource(WsClient.DefaultWait);
            await socket.ConnectAsync(server, cts.Token);
            byte[] head = Encoding.ASCII.GetBytes(RawHttp.UpgradeRequest(path, extraHeaders));
            await socket.SendAsync(sameWrite is null ? head : [.. head, .. sameWrite], SocketFlags.None, cts.Token);
            var client = new RawWebSocket(socket, await RawUpgrade.ReadResponseHeadAsync(socket, cts.Token));
            if (RawHttp.Status(client.ResponseHead) != 101)
            {
                throw new AssertionException("upgrade refused: " + client.ResponseHead);
            }

            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task SendAsync(byte[] bytes)
    {
        using var cts = new CancellationTokenSource(WsClient.DefaultWait);
        await _socket.SendAsync(bytes, SocketFlags.None, cts.Token);
    }

    public Task SendTextAsync(string text) => SendAsync(WsFrames.TextFrame(text));

    /// <summary>The next data or close frame; pings are counted and answered when <paramref name="answerPings"/>. Null at EOF or reset.</summary>
    public async Task<(byte Opcode, byte[] Payload)?> ReadFrameAsync(CancellationToken token, bool answerPings = true)
    {
        while (await ReadAnyFrameAsync(token) is { } frame)
        {
            if (frame.Opcode != WsFrames.Ping)
            {
                return frame;
            }

            PingsSeen++;
            if (answerPings)
            {
                await _socket.SendAsync(WsFrames.Frame(WsFrames.Pong, frame.Payload), SocketFlags.None, token);
            }
        }

        return null;
    }

    /// <summary>Answers the server's pings until <paramref name="count"/> were seen in all; fails on any other frame, EOF or the timeout.</summary>
    public async Task AnswerPingsAsync(int count, TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        while (PingsSeen < count)
        {
            var frame = await ReadAnyFrameAsync(cts.Token) ?? throw new AssertionException($"connection closed after {PingsSeen} pings");
            Assert.That(frame.Opcode, Is.EqualTo(WsFrames.Ping), "only pings were expected on a quiet connection");
            PingsSeen++;
            await _socket.SendAsync(WsFrames.Frame(WsFrames.Pong, frame.Payload), SocketFlags.None, cts.Token);
        }
    }

    /// <summary>The next text message (pings answered); fails on EOF, a close frame or the timeout.</summary>
    public async Task<string> ReceiveTextAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? WsClient.DefaultWait);
        var frame = await ReadFrameAsync(cts.Token) ?? throw new AssertionException("connection closed while a message was expected");
        Assert.That(frame.Opcode, Is.EqualTo(WsFrames.Text), "expected a text frame");
        return Encoding.UTF8.GetString(frame.Payload);
    }

    /// <summary>Reads until EOF or reset without answering pings; false when the connection is still open after <paramref name="wait"/>.</summary>
    public async Task<bool> WaitForEndAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            while (await ReadFrameAsync(cts.Token, answerPings: false) is not null)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task<(byte Opcode, byte[] Payload)?> ReadAnyFrameAsync(CancellationToken token)
    {
        var header = await ReadExactAsync(2, token);
        if (header is null)
        {
            return null;
        }

        var length = (long)(header[1] & 0x7F);
        var extended = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extended > 0)
        {
            var bytes = await ReadExactAsync(extended, token);
            if (bytes is null)
            {
                return null;
            }

            length = extended == 2 ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : (long)BinaryPrimitives.ReadUInt64BigEndian(bytes);
        }

        // An abort may cut a frame short (a slow reader's backlog): that too is the end of the connection.
        var payload = await ReadExactAsync((int)length, token);
        return payload is null ? null : ((byte)(header[0] & 0x0F), payload);
    }

    private async Task<byte[]?> ReadExactAsync(int count, CancellationToken token)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            int n;
            try
            {
                n = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, token);
            }
            catch (SocketException)
            {
                return null; // Reset by the server: as good as EOF for the callers.
            }

            if (n == 0)
            {
                return null;
            }

            filled += n;
        }

        return buffer;
    }
}
