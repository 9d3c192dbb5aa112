using System.Text;
using System.Text.Json;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>One in-process connection of a <see cref="SignalingHarness"/>: what the transport would call, and what came back.</summary>
internal sealed class HarnessPeer(FakeConnection connection, IConnectionSession session)
{
    public FakeConnection Connection { get; } = connection;

    public IConnectionSession Session { get; } = session;

    public void Send(string json) => Session.OnText(Encoding.UTF8.GetBytes(json));

    public void Send(object message) => Send(JsonSerializer.Serialize(message));

    public void SendBytes(byte[] utf8) => Session.OnText(utf8);

    public void SendBinary() => Session.OnBinary();

    /// <summary>The connection ended without `leave` (reset, keep-alive timeout, tab closed).</summary>
    public void Drop() => Session.OnClosed();

    public IReadOnlyList<JsonElement> Received => Connection.Messages;

    public JsonElement Last => Connection.Last;

    public int Count => Connection.Sent.Count;

    /// <summary>Sends and returns what the server answered this connection (often one error).</summary>
    public IReadOnlyList<JsonElement> Exchange(string json)
    {
        var before = Count;
        Send(json);
        return Received.Skip(before).ToArray();
    }

    public IReadOnlyList<JsonElement> Exchange(object message) => Exchange(JsonSerializer.Serialize(message));

    public void Clear() => Connection.Clear();
}
