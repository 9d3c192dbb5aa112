using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Just enough of a TURN client (RFC 5766 §6 Allocate over UDP, RFC 5389 §10.2 long-term
/// credentials) to ask a real TURN server whether it accepts a username and password, without a
/// browser: the first Allocate is refused with 401 and the server's REALM and NONCE, the second
/// carries USERNAME, REALM, NONCE and MESSAGE-INTEGRITY.
/// </summary>
internal static class TurnClient
{
    /// <summary>What <see cref="AllocateAsync"/> returns when the server allocated a relay.</summary>
    public const int Allocated = 200;

    private const ushort BindingRequest = 0x0001;
    private const ushort AllocateRequest = 0x0003;
    private const ushort AllocateSuccess = 0x0103;
    private const ushort Username = 0x0006;
    private const ushort MessageIntegrity = 0x0008;
    private const ushort ErrorCode = 0x0009;
    private const ushort Realm = 0x0014;
    private const ushort Nonce = 0x0015;
    private const ushort RequestedTransport = 0x0019;
    private const uint MagicCookie = 0x2112A442;
    private const int HeaderBytes = 20;
    private const int IntegrityBytes = 20;
    private const byte UdpProtocol = 17;

    /// <summary>A wait per request: the server is on loopback, so an answer takes milliseconds even on a loaded machine.</summary>
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(5);

    /// <summary>True once the server answers a STUN Binding request (it is listening).</summary>
    public static async Task<bool> AnswersBindingAsync(IPEndPoint server)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return await ExchangeAsync(udp, server, Message(BindingRequest, []), TimeSpan.FromMilliseconds(300)) is not null;
    }

    /// <summary><see cref="Allocated"/>, or the error code the server answered (401 for refused credentials).</summary>
    public static async Task<int> AllocateAsync(IPEndPoint server, string username, string password)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var transport = Attribute(RequestedTransport, [UdpProtocol, 0, 0, 0]);
        var challenge = await ExchangeAsync(udp, server, Message(AllocateRequest, transport), AnswerWait)
            ?? throw new AssertionException($"the TURN server at {server} did not answer an Allocate");
        if (Code(challenge) != 401)
        {
            return Code(challenge);
        }

        var realm = Find(challenge, Realm) ?? throw new AssertionException("401 without REALM");
        var nonce = Find(challenge, Nonce) ?? throw new AssertionException("401 without NONCE");
        byte[] attributes = [.. transport, .. Attribute(Username, Encoding.UTF8.GetBytes(username)), .. Attribute(Realm, realm), .. Attribute(Nonce, nonce)];
        var key = LongTermKey(username, Encoding.UTF8.GetString(realm), password);
        var answer = await ExchangeAsync(udp, server, WithIntegrity(Message(AllocateRequest, attributes), key), AnswerWait)
            ?? throw new AssertionException($"the TURN server at {server} did not answer the authenticated Allocate");
        return Code(answer);
    }

    private static int Code(byte[] response)
    {
        if (BinaryPrimitives.ReadUInt16BigEndian(response) == AllocateSuccess)
        {
            return Allocated;
        }

        var error = Find(response, ErrorCode) ?? throw new AssertionException("an error response without ERROR-CODE");
        return ((error[2] & 0x07) * 100) + error[3];
    }

    private static byte[] Message(ushort type, byte[] attributes)
    {
        var message = new byte[HeaderBytes + attributes.Length];
        BinaryPrimitives.WriteUInt16BigEndian(message, type);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)attributes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), MagicCookie);
        RandomNumberGenerator.Fill(message.AsSpan(8, 12));
        attributes.CopyTo(message, HeaderBytes);
        return message;
    }

    /// <summary>RFC 5389 §15.4: HMAC-SHA1 over the message with its length already counting the MESSAGE-INTEGRITY attribute.</summary>
    private static byte[] WithIntegrity(byte[] message, byte[] key)
    {
        var length = message.Length - HeaderBytes + 4 + IntegrityBytes;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)length);
#pragma warning disable CA5350 // RFC 5389 §15.4 fixes HMAC-SHA1.
        var mac = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        return [.. message, .. Attribute(MessageIntegrity, mac)];
    }

    /// <summary>RFC 5389 §15.4: key = MD5(username ":" realm ":" password).</summary>
    private static byte[] LongTermKey(string username, string realm, string password)
    {
#pragma warning disable CA5351 // RFC 5389 §15.4 fixes MD5 for the long-term key.
        return MD5.HashData(Encoding.UTF8.GetBytes($"{username}:{realm}:{password}"));
#pragma warning restore CA5351
    }

    private static byte[] Attribute(ushort type, byte[] value)
    {
        var padded = (value.Length + 3) & ~3;
        var attribute = new byte[4 + padded];
        BinaryPrimitives.WriteUInt16BigEndian(attribute, type);
        BinaryPrimitives.WriteUInt16BigEndian(attribute.AsSpan(2), (ushort)value.Length);
        value.CopyTo(attribute, 4);
        return attribute;
    }

    private static byte[]? Find(byte[] message, ushort type)
    {
        var at = HeaderBytes;
        while (at + 4 <= message.Length)
        {
            var kind = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(at));
            var length = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(at + 2));
            if (kind == type)
            {
                return message.AsSpan(at + 4, length).ToArray();
            }

            at += 4 + ((length + 3) & ~3);
        }

        return null;
    }

    /// <summary>Sends the request and returns the response with the same transaction id, or null when none came in time.</summary>
    private static async Task<byte[]?> ExchangeAsync(UdpClient udp, IPEndPoint server, byte[] request, TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        await udp.SendAsync(request, server, cts.Token);
        try
        {
            while (true)
            {
                var answer = (await udp.ReceiveAsync(cts.Token)).Buffer;
                if (answer.Length >= HeaderBytes && answer.AsSpan(8, 12).SequenceEqual(request.AsSpan(8, 12)))
                {
                    return answer;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (SocketException)
        {
            return null; // ICMP port unreachable: nothing listens yet.
        }
    }
}
