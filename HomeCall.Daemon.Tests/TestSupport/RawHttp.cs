using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Sends raw request bytes over TCP and reads the whole response, for handshake tests.</summary>
internal static class RawHttp
{
    public static async Task<string> SendAsync(IPEndPoint server, string request) =>
        await SendAsync(server, Encoding.ASCII.GetBytes(request));

    public static async Task<string> SendAsync(IPEndPoint server, byte[] request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(server, cts.Token);
        await socket.SendAsync(request, SocketFlags.None, cts.Token);
        return await ReadToEndAsync(socket, cts.Token);
    }

    public static async Task<string> ReadToEndAsync(Socket socket, CancellationToken token)
    {
        var buffer = new byte[16 * 1024];
        var response = new MemoryStream();
        while (true)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer, SocketFlags.None, token);
            }
            catch (SocketException)
            {
                break;
            }

            if (n == 0)
            {
                break;
            }

            response.Write(buffer, 0, n);
        }

        return Encoding.UTF8.GetString(response.ToArray());
    }

    /// <summary>
    /// Reads until the server ends the connection (FIN or reset) or <paramref name="wait"/> runs
    /// out; Closed says which, so a test can assert that the server, not the wait, ended it.
    /// </summary>
    public static async Task<(string Response, bool Closed)> ReadUntilClosedAsync(Socket socket, TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        var response = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (n == 0)
                {
                    break;
                }

                response.Write(buffer, 0, n);
            }
        }
        catch (SocketException)
        {
            // Reset: the server ended it abortively.
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return (Encoding.UTF8.GetString(response.ToArray()), false);
        }

        return (Encoding.UTF8.GetString(response.ToArray()), true);
    }

    /// <summary>The status code of a response's first line.</summary>
    public static int Status(string response) =>
        response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(response.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;

    public static string UpgradeRequest(string path = "/", string extraHeaders = "") =>
        $"GET {path} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n{extraHeaders}\r\n";
}
