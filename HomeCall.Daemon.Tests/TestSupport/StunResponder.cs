using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// A minimal STUN server (RFC 5389 Binding only) on 127.0.0.1 port 0 that reports every
/// client as coming from <see cref="MappedAddress"/>, as a NAT would: browsers then gather a
/// server-reflexive candidate without any traffic leaving loopback. Held, it keeps every
/// request unanswered until <see cref="ReleaseAsync"/>, as a distant or slow server would.
/// </summary>
internal sealed class StunResponder : IAsyncDisposable
{
    private const ushort BindingRequest = 0x0001;
    private const ushort BindingSuccess = 0x0101;
    private const ushort XorMappedAddress = 0x0020;
    private const uint MagicCookie = 0x2112A442;
    private const int HeaderBytes = 20;

    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<UdpReceiveResult> _held = [];
    private readonly Task _loop;
    private bool _holding;
    private int _answered;

    public StunResponder(IPAddress mappedAddress, bool hold = false)
    {
        MappedAddress = mappedAddress;
        _holding = hold;
        _loop = Task.Run(RunAsync);
    }

    public IPAddress MappedAddress { get; }

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Requests received while held and not answered yet.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>The Binding success response to <paramref name="request"/>, or null when it is not a Binding request.</summary>
    public static byte[]? Answer(ReadOnlySpan<byte> request, IPEndPoint mapped)
    {
        if (request.Length < HeaderBytes
            || BinaryPrimitives.ReadUInt16BigEndian(request) != BindingRequest
            || BinaryPrimitives.ReadUInt32BigEndian(request[4..]) != MagicCookie
            || mapped.AddressFamily != AddressFamily.InterNetwork)
        {
            return null;
        }

        var response = new byte[HeaderBytes + 12];
        BinaryPrimitives.WriteUInt16BigEndian(response, BindingSuccess);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(2), 12);
        request[4..HeaderBytes].CopyTo(response.AsSpan(4));
        var attribute = response.AsSpan(HeaderBytes);
        BinaryPrimitives.WriteUInt16BigEndian(attribute, XorMappedAddress);
        BinaryPrimitives.WriteUInt16BigEndian(attribute[2..], 8);
        attribute[5] = 0x01; // IPv4
        BinaryPrimitives.WriteUInt16BigEndian(attribute[6..], (ushort)(mapped.Port ^ (MagicCookie >> 16)));
        var address = BinaryPrimitives.ReadUInt32BigEndian(mapped.Address.GetAddressBytes());
        BinaryPrimitives.WriteUInt32BigEndian(attribute[8..], address ^ MagicCookie);
        return response;
    }

    /// <summary>Answers every held request (retransmissions included) and from then on answers at once; returns how many were held.</summary>
    public async Task<int> ReleaseAsync()
    {
        UdpReceiveResult[] held;
        lock (_gate)
        {
            _holding = false;
            held = [.. _held];
            _held.Clear();
        }

        foreach (var request in held)
        {
            await ReplyAsync(request, _stop.Token);
        }

        return held.Length;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var request = await _udp.ReceiveAsync(_stop.Token);
                if (!TryHold(request))
                {
                    await ReplyAsync(request, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private bool TryHold(UdpReceiveResult request)
    {
        lock (_gate)
        {
            if (_holding)
            {
                _held.Add(request);
            }

            return _holding;
        }
    }

    private async Task ReplyAsync(UdpReceiveResult request, CancellationToken cancellationToken)
    {
        var reply = Answer(request.Buffer, new IPEndPoint(MappedAddress, request.RemoteEndPoint.Port));
        if (reply is not null)
        {
            await _udp.Client.SendToAsync(reply, request.RemoteEndPoint, cancellationToken);
            Interlocked.Increment(ref _answered);
        }
    }
}
