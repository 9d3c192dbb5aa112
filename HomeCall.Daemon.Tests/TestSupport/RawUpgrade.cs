using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Upgrade requests on bare sockets: reading the response head exactly, and expecting a refusal.</summary>
internal static class RawUpgrade
{
    /// <summary>
    /// Sends an upgrade request and returns the whole response when the server refuses it
    /// (it closes after a refusal); fails when the upgrade succeeds.
    /// </summary>
    public static async Task<string> RefusalAsync(IPEndPoint server, IPAddress? source = null, string path = "/", string extraHeaders = "")
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (source is not null)
        {
            socket.Bind(new IPEndPoint(source, 0));
        }

        using var cts = new CancellationTokenSource(WsClient.DefaultWait);
        await socket.ConnectAsync(server, cts.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(RawHttp.UpgradeRequest(path, extraHeaders)), SocketFlags.None, cts.Token);
        var head = await ReadResponseHeadAsync(socket, cts.Token);
        Assert.That(RawHttp.Status(head), Is.Not.EqualTo(101), "the upgrade was expected to be refused");
        return head + await RawHttp.ReadToEndAsync(socket, cts.Token);
    }

    public static async Task<string> ReadResponseHeadAsync(Socket socket, CancellationToken token)
    {
        // Byte by byte, so nothing after the head (the server's first frame) is consumed here.
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (await socket.ReceiveAsync(one, SocketFlags.None, token) == 0)
            {
                break;
            }

            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString(head.ToArray());
    }
}
