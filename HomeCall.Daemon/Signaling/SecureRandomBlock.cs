using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Cryptographically random bytes for the ids a stranger must not guess (numeric room ids and the
/// numeric dialect's myId, docs/protocol.md §7.1), drawn from <see cref="RandomNumberGenerator"/> a
/// block at a time. Asking the system for 16 bytes per connection cost a system call (or an
/// OpenSSL call that checks the process id three times) on every join, under the registry lock;
/// a block per thread serves 256 ids per call. Each byte is handed out once.
/// </summary>
internal static class SecureRandomBlock
{
    public const int BlockBytes = 4096;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_next;

    /// <summary>A random (version 4) UUID, as <see cref="Guid.NewGuid"/> makes one.</summary>
    public static Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        Fill(bytes);

        // RFC 9562 §5.4: version 4 in the high nibble of octet 6 and variant 10 in octet 8, in
        // network order; Guid's byte constructor reads its third field little-endian (byte 7 is high).
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Uniform in [fromInclusive, toExclusive), without modulo bias (as <see cref="RandomNumberGenerator.GetInt32(int, int)"/>).</summary>
    public static int GetInt32(int fromInclusive, int toExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fromInclusive, toExclusive);
        var range = (uint)(toExclusive - fromInclusive);

        // Values at or past the largest multiple of the range would favour the low results: drawn again.
        var limit = uint.MaxValue - (uint.MaxValue % range);
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        uint value;
        do
        {
            Fill(bytes);
            value = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        }
        while (value >= limit);

        return fromInclusive + (int)(value % range);
    }

    /// <summary>Fills <paramref name="destination"/> (at most a block) with bytes never handed out before.</summary>
    public static void Fill(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(destination.Length, BlockBytes);
        var block = t_block ??= new byte[BlockBytes];
        if (t_next == 0 || t_next + destination.Length > BlockBytes)
        {
            RandomNumberGenerator.Fill(block);
            t_next = 0;
        }

        var taken = block.AsSpan(t_next, destination.Length);
        taken.CopyTo(destination);
        taken.Clear();
        t_next += destination.Length;
        if (t_next == BlockBytes)
        {
            t_next = 0;
        }
    }
}
