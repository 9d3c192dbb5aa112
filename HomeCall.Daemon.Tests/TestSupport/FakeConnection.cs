using System.Net;
using System.Text;
using System.Text.Json;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>An <see cref="IConnection"/> that records what the core sends, for tests without sockets.</summary>
internal sealed class FakeConnection(long id, EndpointKind endpoint = EndpointKind.Room, string query = "", IPAddress? ip = null, Serilog.ILogger? log = null) : IConnection
{
    private readonly List<string> _sent = [];

    public long Id { get; } = id;

    public IPAddress RemoteIp { get; } = ip ?? IPAddress.Loopback;

    public EndpointKind Endpoint { get; } = endpoint;

    public Serilog.ILogger Log { get; } = log ?? Serilog.Core.Logger.None;

    public string Query { get; } = query;

    public int? ClosedWith { get; private set; }

    /// <summary>When false, Send refuses like a closing connection.</summary>
    public bool Accepting { get; set; } = true;

    public IReadOnlyList<string> Sent
    {
        get
        {
            lock (_sent)
            {
                return _sent.ToArray();
            }
        }
    }

    public IReadOnlyList<JsonElement> Messages => Sent.Select(s => JsonDocument.Parse(s).RootElement).ToArray();

    public JsonElement Last => Messages[^1];

    public bool Send(ReadOnlyMemory<byte> utf8Json)
    {
        if (!Accepting || ClosedWith is not null)
        {
            return false;
        }

        lock (_sent)
        {
            _sent.Add(Encoding.UTF8.GetString(utf8Json.Span));
        }

        return true;
    }

    public void Close(int status, string reason) => ClosedWith ??= status;

    public void Clear()
    {
        lock (_sent)
        {
            _sent.Clear();
        }
    }

    /// <summary>Messages of one type, in the order they were sent.</summary>
    public IReadOnlyList<JsonElement> OfType(string type) =>
        Messages.Where(m => m.GetProperty("type").GetString() == type).ToArray();
}
