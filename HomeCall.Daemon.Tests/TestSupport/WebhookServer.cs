using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// A minimal auth webhook on 127.0.0.1 port 0 (raw TCP, one request per connection): records
/// each request body and answers with <see cref="Answer"/> (status and body), or never
/// answers while <see cref="Hang"/> is set. <see cref="DownUrl"/> names a port nobody listens on.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<TcpClient> _held = [];

    public WebhookServer(string answer = """{"allow":true}""", int status = 200)
    {
        Answer = answer;
        Status = status;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Answer { get; set; }

    public int Status { get; set; }

    public bool Hang { get; set; }

    /// <summary>While set, answers wait until it completes (a webhook that is slow on purpose).</summary>
    public TaskCompletionSource? Held { get; set; }

    public ConcurrentQueue<JsonElement> Requests { get; } = new();

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook?key=secret-in-url";

    /// <summary>A URL on a port that was just free: connecting is refused.</summary>
    public static string DownUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/hook";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(static _ => { }, TaskScheduler.Default);
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var body = await ReadRequestBodyAsync(stream);
        Requests.Enqueue(JsonDocument.Parse(body).RootElement.Clone());
        if (Hang)
        {
            lock (_held)
            {
                _held.Add(client); // Kept open and silent until the server is disposed.
            }

            return;
        }

        if (Held is { } held)
        {
            await held.Task;
        }

        var answer = Encoding.UTF8.GetBytes(Answer);
        var head = $"HTTP/1.1 {Status} X\r\nContent-Type: application/json\r\nContent-Length: {answer.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(answer).ToArray());
        client.Dispose();
    }

    private static async Task<byte[]> ReadRequestBodyAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(buffer)) < 0)
        {
            var n = await stream.ReadAsync(chunk);
            if (n == 0)
            {
                throw new IOException("request ended before its head");
            }

            buffer.AddRange(chunk.AsSpan(0, n));
        }

        var head = Encoding.ASCII.GetString(buffer.ToArray(), 0, headEnd);
        var length = int.Parse(head.Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))["Content-Length:".Length..].Trim());
        while (buffer.Count < headEnd + 4 + length)
        {
            var n = await stream.ReadAsync(chunk);
            buffer.AddRange(chunk.AsSpan(0, n));
        }

        return buffer.Skip(headEnd + 4).Take(length).ToArray();
    }

    private static int IndexOfHeadEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
