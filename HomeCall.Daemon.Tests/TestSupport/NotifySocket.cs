using System.Net.Sockets;
using System.Text;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// The service manager's end of sd_notify for tests: a Unix datagram socket bound either
/// to a path in a temp dir or to a random name in the abstract namespace.
/// <see cref="Address"/> is what goes into NOTIFY_SOCKET.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string? _directory;
    private readonly List<string> _history = [];

    private NotifySocket(string address, UnixDomainSocketEndPoint endpoint, string? directory)
    {
        Address = address;
        Endpoint = endpoint;
        _directory = directory;
        _socket.Bind(endpoint);
    }

    public string Address { get; }

    public UnixDomainSocketEndPoint Endpoint { get; }

    /// <summary>Every datagram read so far, including those the Receive* methods skipped.</summary>
    public IReadOnlyList<string> History => _history;

    /// <summary>Bytes waiting: datagrams sent before this call are already queued (Unix sockets deliver synchronously).</summary>
    public bool HasPending => _socket.Available > 0;

    public static NotifySocket InTempDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("homecall-notify-").FullName;
        var path = Path.Combine(dir, "notify");
        return new NotifySocket(path, new UnixDomainSocketEndPoint(path), dir);
    }

    public static NotifySocket Abstract()
    {
        var name = "homecall-test-" + Guid.NewGuid().ToString("N");
        return new NotifySocket("@" + name, new UnixDomainSocketEndPoint("\0" + name), null);
    }

    /// <summary>The next datagram, or an assertion failure when none arrives in time.</summary>
    public Task<string> ReceiveAsync(TimeSpan? wait = null) => ReceiveMatchingAsync(_ => true, "any", wait);

    /// <summary>Reads datagrams until one contains <paramref name="assignment"/> (e.g. "STOPPING=1"), returning it.</summary>
    public Task<string> ReceiveContainingAsync(string assignment, TimeSpan? wait = null) =>
        ReceiveMatchingAsync(d => d.Split('\n').Contains(assignment), assignment, wait);

    private async Task<string> ReceiveMatchingAsync(Func<string, bool> match, string what, TimeSpan? wait)
    {
        var buffer = new byte[4096];
        var limit = wait ?? WsClient.DefaultWait;
        using var cts = new CancellationTokenSource(limit);
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                var datagram = Encoding.UTF8.GetString(buffer, 0, n);
                _history.Add(datagram);
                if (match(datagram))
                {
                    return datagram;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"no sd_notify datagram ({what}) within {limit}");
        }
    }

    /// <summary>Every datagram already queued, without waiting.</summary>
    public IReadOnlyList<string> Drain()
    {
        var received = new List<string>();
        var buffer = new byte[4096];
        while (_socket.Available > 0)
        {
            var n = _socket.Receive(buffer);
            received.Add(Encoding.UTF8.GetString(buffer, 0, n));
            _history.Add(received[^1]);
        }

        return received;
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
