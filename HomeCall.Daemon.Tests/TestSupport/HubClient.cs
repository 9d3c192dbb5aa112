using System.Text;
using System.Text.Json;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>One fake connection opened on a <see cref="HubHarness"/>: what the transport would call (send like a client, disconnect), and what the server sent.</summary>
internal sealed class HubClient(FakeConnection connection, IConnectionObserver session)
{
    public FakeConnection Connection { get; } = connection;

    public IConnectionObserver Session { get; } = session;

    public IReadOnlyList<JsonElement> Messages => Connection.Messages;

    public IReadOnlyList<string> Sent => Connection.Sent;

    public JsonElement Last => Connection.Last;

    public int? ClosedWith => Connection.ClosedWith;

    /// <summary>How many messages the server sent this connection since the last <see cref="Clear"/>.</summary>
    public int Count => Connection.Sent.Count;

    /// <summary>Sends <paramref name="message"/> serialized as JSON (property names as written).</summary>
    public void Send(object message) => SendText(JsonSerializer.Serialize(message));

    public void SendText(string json) => SendBytes(Encoding.UTF8.GetBytes(json));

    public void SendBytes(byte[] utf8) => Session.OnText(utf8);

    public void SendBinary() => Session.OnBinary();

    /// <summary>Does what the receive loop does after a message: waits for a join the auth webhook decides, then lets the session finish it.</summary>
    public async Task SettleAsync()
    {
        if (Session.Pending is { } pending)
        {
            await pending.WaitAsync(Poll.DefaultTimeout);
            Session.OnResumed();
        }
    }

    /// <summary>The connection ended without a leave (docs/protocol.md §3.5).</summary>
    public void Disconnect() => Session.OnClosed();

    public void Clear() => Connection.Clear();

    /// <summary>Sends raw JSON text and returns what the server answered this connection (often one error).</summary>
    public IReadOnlyList<JsonElement> Exchange(string json)
    {
        var before = Count;
        SendText(json);
        return Messages.Skip(before).ToArray();
    }

    /// <summary>The one message sent since the last <see cref="Clear"/>; fails when there were none or several.</summary>
    public JsonElement Single()
    {
        var messages = Messages;
        Assert.That(messages, Has.Count.EqualTo(1), "expected exactly one message, got: " + string.Join(" | ", Sent));
        return messages[0];
    }

    /// <summary>The one raw JSON text sent since the last <see cref="Clear"/>.</summary>
    public string SingleText()
    {
        var sent = Sent;
        Assert.That(sent, Has.Count.EqualTo(1), "expected exactly one message, got: " + string.Join(" | ", sent));
        return sent[0];
    }

    /// <summary>The code of the one error sent since the last <see cref="Clear"/>.</summary>
    public string? SingleErrorCode()
    {
        var message = Single();
        Assert.That(message.GetProperty("type").GetString(), Is.EqualTo("error"));
        return message.GetProperty("code").GetString();
    }
}
