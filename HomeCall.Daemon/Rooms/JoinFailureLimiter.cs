using System.Net;
using System.Net.Sockets;

namespace HomeCall.Daemon.Rooms;

/// <summary>
/// The join-failure guard (docs/protocol.md §7.3): once an IP has had JOIN_FAILURES_PER_MIN failed
/// joins within a minute, every join from it is refused until a minute has passed since its
/// last failure. The same holds for all addresses of an IPv4 /24 together
/// (JOIN_FAILURES_PER_MIN_IPV4_24) and of an IPv6 /64 together (JOIN_FAILURES_PER_MIN_IPV6_64):
/// one IPv6 host owns a whole /64 and one small network a /24, so counting per address alone
/// let one attacker spread its guesses. Refused joins are not failures (the block cannot be
/// extended by hammering). Guarded by the registry lock.
/// </summary>
internal sealed class JoinFailureLimiter(int maxPerAddress, int maxPerIpv4Net, int maxPerIpv6Net)
{
    public const int Ipv4NetPrefixBits = 24;
    public const int Ipv6NetPrefixBits = 64;

    public static readonly TimeSpan Window = FailureWindow.Window;

    private readonly FailureWindow _addresses = new(maxPerAddress);
    private readonly FailureWindow _ipv4Nets = new(maxPerIpv4Net);
    private readonly FailureWindow _ipv6Nets = new(maxPerIpv6Net);

    /// <summary>A guard on addresses only (aggregates as lenient as they can be).</summary>
    public JoinFailureLimiter(int maxPerAddress)
        : this(maxPerAddress, int.MaxValue, int.MaxValue)
    {
    }

    /// <summary>JOIN_FAILURES_PER_MIN in force (a reload may change it; set under the registry lock).</summary>
    public int MaxFailuresPerWindow { get => _addresses.MaxFailures; set => _addresses.MaxFailures = value; }

    /// <summary>JOIN_FAILURES_PER_MIN_IPV4_24 in force.</summary>
    public int MaxFailuresPerIpv4Net { get => _ipv4Nets.MaxFailures; set => _ipv4Nets.MaxFailures = value; }

    /// <summary>JOIN_FAILURES_PER_MIN_IPV6_64 in force.</summary>
    public int MaxFailuresPerIpv6Net { get => _ipv6Nets.MaxFailures; set => _ipv6Nets.MaxFailures = value; }

    /// <summary>Addresses tracked (each forgotten a minute after its last failure).</summary>
    public int TrackedAddresses => _addresses.Count;

    /// <summary>/24 and /64 networks tracked (each forgotten a minute after its last failure).</summary>
    public int TrackedNetworks => _ipv4Nets.Count + _ipv6Nets.Count;

    public bool IsBlocked(IPAddress ip, DateTimeOffset now) =>
        _addresses.IsBlocked(ip, now) || NetWindow(ip).IsBlocked(NetworkOf(ip), now);

    public void RecordFailure(IPAddress ip, DateTimeOffset now)
    {
        _addresses.Record(ip, now);
        NetWindow(ip).Record(NetworkOf(ip), now);
    }

    /// <summary>Drops addresses and networks whose last failure is over a minute old.</summary>
    public void Sweep(DateTimeOffset now)
    {
        _addresses.Sweep(now);
        _ipv4Nets.Sweep(now);
        _ipv6Nets.Sweep(now);
    }

    /// <summary>The /24 or /64 <paramref name="ip"/> belongs to (its address with the host bits zeroed).</summary>
    public static IPAddress NetworkOf(IPAddress ip)
    {
        var bytes = ip.GetAddressBytes();
        var keep = (ip.AddressFamily == AddressFamily.InterNetwork ? Ipv4NetPrefixBits : Ipv6NetPrefixBits) / 8;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return new IPAddress(bytes);
    }

    private FailureWindow NetWindow(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetwork ? _ipv4Nets : _ipv6Nets;
}
