using System.Net;
using System.Net.Sockets;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Two ends of one TCP connection on loopback (port 0), for tests of the transport over a real socket.</summary>
internal static class LoopbackSockets
{
    public static async Task<(Socket Server, Socket Client)> ConnectAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        return (await listener.AcceptAsync(), client);
    }
}
