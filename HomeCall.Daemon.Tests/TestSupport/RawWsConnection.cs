using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// A WebSocket client on a bare TCP socket: it sends whatever bytes a test builds and
/// reads the server's frames itself, so tests can do what <c>ClientWebSocket</c> cannot:
/// break the protocol on purpose, put frames in the same write as the upgrade head, stop
/// reading, count or ignore the server's pings, bind a source address, or reset the
/// connection. Every read is bounded.
/// </summary>
internal sealed class RawWsConnection : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly RawFrameReader _reader;

    private RawWsConnection(Socket socket)
    {
        Socket = socket;
        _reader = new RawFrameReader(socket);
    }

    public Socket Socket { get; }

    /// <summary>The server's answer to the upgrade (status line and headers).</summary>
    public string ResponseHead { get; private set; } = "";

    public int Status => RawHttp.Status(ResponseHead);

    /// <summary>The server's pings read so far, answered or not (liveness tests count them).</summary>
    public int PingsSeen => _reader.PingsSeen;

    /// <summary>A connected TCP socket, optionally from a chosen loopback source address (per-IP tests).</summary>
    public static async Task<Socket> ConnectSocketAsync(IPEndPoint server, IPAddress? source = null, int? receiveBuffer = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBuffer is { } size)
        {
            socket.ReceiveBufferSize = size; // Before connect, so the advertised window stays small.
        }

        if (source is not null)
        {
            socket.Bind(new IPEndPoint(source, 0));
        }

        using var cts = new CancellationTokenSource(DefaultWait);
        await socket.ConnectAsync(server, cts.Token);
        return socket;
    }

    /// <summary>Takes over a socket connected by the test (the head is the test's business).</summary>
    public static RawWsConnection Wrap(Socket socket) => new(socket);

    /// <summary>
    /// Sends <paramref name="head"/> (by default a valid upgrade for <paramref name="path"/> with
    /// <paramref name="extraHeaders"/>) plus <paramref name="after"/> in one write and reads the response head.
    /// </summary>
    public static async Task<RawWsConnection> OpenAsync(
        IPEndPoint server, string path = "/", IPAddress? source = null, byte[]? after = null, string? head = null, int? receiveBuffer = null, string extraHeaders = "")
    {
        var connection = new RawWsConnection(await ConnectSocketAsync(server, source, receiveBuffer));
        await connection.SendAsync([.. Encoding.ASCII.GetBytes(head ?? RawHttp.UpgradeRequest(path, extraHeaders)), .. after ?? []]);
        connection.ResponseHead = await connection._reader.ReadHeadAsync(DefaultWait);
        return connection;
    }

    /// <summary>Opens and insists on 101 Switching Protocols (the socket is not left open on a refusal).</summary>
    public static async Task<RawWsConnection> UpgradeAsync(
        IPEndPoint server, string path = "/", IPAddress? source = null, int? receiveBuffer = null, byte[]? after = null, string extraHeaders = "")
    {
        var connection = await OpenAsync(server, path, source, after, receiveBuffer: receiveBuffer, extraHeaders: extraHeaders);
        if (connection.Status != 101)
        {
            await connection.DisposeAsync();
            throw new AssertionException("upgrade refused: " + connection.ResponseHead);
        }

        return connection;
    }

    public async Task SendAsync(byte[] bytes)
    {
        using var cts = new CancellationTokenSource(DefaultWait);
        await Socket.SendAsync(bytes, SocketFlags.None, cts.Token);
    }

    /// <summary>One byte per send (and so, with Nagle off, per TCP segment).</summary>
    public async Task SendBytewiseAsync(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            await SendAsync(bytes[i..(i + 1)]);
        }
    }

    public Task SendTextAsync(string text) => SendAsync(WireFrame.TextFrame(text));

    /// <summary>The next frame, pings included and left unanswered; null when the server closed or reset the TCP connection.</summary>
    public async Task<RawFrame?> ReadFrameAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? DefaultWait);
        return await _reader.ReadFrameAsync(cts.Token);
    }

    /// <summary>The next frame that is not a ping, answering pings on the way as a browser would; null at EOF or reset.</summary>
    public async Task<RawFrame?> ReadFrameAnsweringPingsAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? DefaultWait);
        while (await _reader.ReadFrameAsync(cts.Token) is { } frame)
        {
            if (frame.Opcode != WireFrame.Ping)
            {
                return frame;
            }

            await PongAsync(frame, cts.Token);
        }

        return null;
    }

    /// <summary>Answers the server's pings until <paramref name="count"/> were seen in all; fails on any other frame, EOF or the timeout.</summary>
    public async Task AnswerPingsAsync(int count, TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? DefaultWait);
        while (PingsSeen < count)
        {
            var frame = await _reader.ReadFrameAsync(cts.Token) ?? throw new AssertionException($"connection closed after {PingsSeen} pings");
            Assert.That(frame.Opcode, Is.EqualTo(WireFrame.Ping), "only pings were expected on a quiet connection");
            await PongAsync(frame, cts.Token);
        }
    }

    /// <summary>The next text message (pings answered); fails on EOF, a close or any other frame.</summary>
    public async Task<string> ReceiveTextAsync(TimeSpan? wait = null)
    {
        var frame = await ReadFrameAnsweringPingsAsync(wait) ?? throw new AssertionException("the connection ended while a message was expected");
        Assert.That(frame.Opcode, Is.EqualTo(WireFrame.Text), "expected a text frame, got " + frame);
        return frame.Text;
    }

    /// <summary>Reads until the server's close frame; its status, or null when the TCP connection ended without one.</summary>
    public async Task<int?> ReadCloseStatusAsync(TimeSpan? wait = null)
    {
        while (await ReadFrameAsync(wait) is { } frame)
        {
            if (frame.IsClose)
            {
                return frame.CloseStatus;
            }
        }

        return null;
    }

    /// <summary>The next text message as JSON, skipping pings and pongs; fails on close.</summary>
    public async Task<JsonElement> ReadJsonAsync(TimeSpan? wait = null)
    {
        while (await ReadFrameAsync(wait) is { } frame)
        {
            if (frame.Opcode == WireFrame.Text)
            {
                return JsonDocument.Parse(frame.Payload).RootElement;
            }

            if (frame.IsClose)
            {
                throw new AssertionException("the server closed with " + frame.CloseStatus + " while a message was expected");
            }
        }

        throw new AssertionException("the connection ended while a message was expected");
    }

    /// <summary>Completes the closing handshake from our side; the server may already be gone.</summary>
    public async Task AnswerCloseAsync(int status)
    {
        try
        {
            await SendAsync(WireFrame.CloseFrame(status is 1005 or 1006 or 1015 ? 1000 : status));
        }
        catch (SocketException)
        {
            // The server closed the TCP connection first (it does after a protocol error).
        }
    }

    /// <summary>
    /// True when the server ended the TCP connection (EOF or reset) within the wait. Pings are
    /// read but never answered, and one deadline covers every frame: a server that keeps
    /// pinging cannot stretch the wait.
    /// </summary>
    public async Task<bool> WaitForEndAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? DefaultWait);
        try
        {
            while (await _reader.ReadFrameAsync(cts.Token) is not null)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Abortive close: SO_LINGER 0 makes the kernel send RST instead of FIN.</summary>
    public void Reset()
    {
        Socket.LingerState = new LingerOption(true, 0);
        Socket.Close();
    }

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>RFC 6455 §5.5.3: a pong carries the ping's payload back.</summary>
    private async Task PongAsync(RawFrame ping, CancellationToken token) =>
        await Socket.SendAsync(WireFrame.Build(WireFrame.Pong, ping.Payload), SocketFlags.None, token);
}
