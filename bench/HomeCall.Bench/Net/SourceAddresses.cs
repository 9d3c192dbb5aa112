using System.Net;
using System.Net.Sockets;

namespace HomeCall.Bench.Net;

/// <summary>
/// Local addresses to connect from. One source address reaches one server port through at
/// most ~28k ephemeral ports (net.ipv4.ip_local_port_range); past that, connections are
/// spread over 127.0.0.1, 127.0.0.2, … (all of 127.0.0.0/8 is loopback on Linux).
/// </summary>
internal sealed class SourceAddresses
{
    /// <summary>Connections planned per source address, leaving headroom under the ephemeral range.</summary>
    public const int ConnectionsPerAddress = 25_000;

    private readonly IPAddress[] _addresses;

    private SourceAddresses(IPAddress[] addresses) => _addresses = addresses;

    public int Count => _addresses.Length;

    /// <summary>`count` 0 = automatic: none below <see cref="ConnectionsPerAddress"/>, else enough 127.0.0.x addresses.</summary>
    public static SourceAddresses For(Target target, int connections, int count)
    {
        if (count == 0)
        {
            count = connections <= ConnectionsPerAddress ? 0 : (connections + ConnectionsPerAddress - 1) / ConnectionsPerAddress;
        }

        if (count == 0)
        {
            return new SourceAddresses([]);
        }

        if (target.Address.AddressFamily != AddressFamily.InterNetwork || !IPAddress.IsLoopback(target.Address.Address))
        {
            throw new ArgumentException("extra source addresses (--source-ips) need an IPv4 loopback target");
        }

        return new SourceAddresses(Enumerable.Range(1, count).Select(i => new IPAddress([127, 0, 0, (byte)i])).ToArray());
    }

    /// <summary>The address for the n-th connection, or null to let the kernel choose.</summary>
    public IPAddress? For(long n) => _addresses.Length == 0 ? null : _addresses[n % _addresses.Length];
}
