using System.Net;

namespace HomeCall.Bench.Net;

/// <summary>
/// Where the load goes: the room endpoint URL (`/`, or `wss://host/ws/` through Apache),
/// the /signal URL, and the address both resolve to. Only loopback unless the operator
/// says otherwise (a load generator must not be pointed at somebody else by accident).
/// </summary>
internal sealed record Target(Uri RoomUrl, Uri SignalUrl, IPEndPoint Address, bool Insecure)
{
    public static async Task<Target> ResolveAsync(string roomUrl, string? signalUrl, bool insecure, bool allowRemote)
    {
        var room = ParseWsUrl(roomUrl, "--url");
        var signal = signalUrl is null ? new UriBuilder(room) { Path = "/signal", Query = "" }.Uri : ParseWsUrl(signalUrl, "--signal-url");
        var host = room.Host.Trim('[', ']');
        var ip = IPAddress.TryParse(host, out var literal)
            ? literal
            : (await Dns.GetHostAddressesAsync(host).ConfigureAwait(false)).OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6).First();
        if (!IPAddress.IsLoopback(ip) && !allowRemote)
        {
            throw new ArgumentException($"{room.Host} resolves to {ip}, which is not a loopback address; pass --allow-remote to load a remote server");
        }

        return new Target(room, signal, new IPEndPoint(ip, room.Port), insecure);
    }

    private static Uri ParseWsUrl(string text, string option)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
        {
            throw new ArgumentException($"{option} must be a ws:// or wss:// URL (got '{text}')");
        }

        return uri;
    }
}
