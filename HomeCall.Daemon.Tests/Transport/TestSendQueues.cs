using System.Net.WebSockets;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>A server WebSocket and its send queue over a test stream, the send deadline on <paramref name="time"/>.</summary>
internal static class TestSendQueues
{
    public static (SendQueue Queue, WebSocket Ws) Create(Stream inner, int maxQueueBytes, TimeProvider time)
    {
        var connectionStream = new ConnectionStream(inner, [], TimeProvider.System);
        var ws = WebSocket.CreateFromStream(connectionStream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var services = new ConnectionServices(65536, maxQueueBytes, TimeSpan.FromSeconds(10), time);
        return (new SendQueue(ws, connectionStream, services, new LoggerConfiguration().CreateLogger(), () => { }), ws);
    }
}
