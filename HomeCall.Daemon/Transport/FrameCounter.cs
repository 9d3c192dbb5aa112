namespace HomeCall.Daemon.Transport;

/// <summary>
/// Follows the frame boundaries (RFC 6455 §5.2) of the bytes a client sends, as they pass to the
/// framing layer, and counts the frames that complete no message: control frames (ping, pong,
/// close) and data frames without FIN (all fragments but a message's last). The framing layer
/// handles such frames inside one receive without returning, so they are invisible to the
/// message-level rate limit; this count lets <see cref="FrameBudget"/> bound them
/// (docs/protocol.md §3.1). It only observes: a stream that is not valid framing is refused by
/// the framing layer (1002), whatever this counted. It also notes a pong's header for the
/// keep-alive (<see cref="Liveness"/>), and bounds each read to the frame being read
/// (<see cref="ReadLimit"/>), so the framing layer never holds bytes of the next frame.
/// </summary>
internal struct FrameCounter
{
    private const int FinBit = 0x80;
    private const int OpcodeMask = 0x0F;
    private const int FirstControlOpcode = 0x8;

    /// <summary>RFC 6455 §5.5.3.</summary>
    private const int PongOpcode = 0xA;

    /// <summary>RFC 6455 §5.2: the first byte of a whole pong (FIN, no reserved bits, opcode 0xA).</summary>
    private const byte WholePongByte = 0x80 | PongOpcode;

    /// <summary>RFC 6455 §5.5: a control frame's payload fits the 7-bit length.</summary>
    private const int MaxControlPayloadBytes = 125;

    /// <summary>RFC 6455 §5.2: the two bytes every frame header starts with.</summary>
    private const int MinHeaderBytes = 2;
    private const int MaskBit = 0x80;
    private const int Length7Mask = 0x7F;
    private const int Length16Marker = 126;
    private const int Length64Marker = 127;
    private const int MaskKeyBytes = 4;

    private Phase _phase;
    private bool _completesNoMessage;
    private bool _masked;
    private bool _pongSeen;
    private int _pending;
    private ulong _length;

    private enum Phase : byte
    {
        First,
        Second,
        ExtendedLength,
        MaskKey,
        Payload,
    }

    /// <summary>True when the next byte is the first of a frame.</summary>
    public readonly bool AtFrameStart => _phase == Phase.First;

    /// <summary>
    /// The most bytes that may pass now without any of the next frame's: the rest of the header as
    /// far as it is known yet, or the rest of the payload.
    /// </summary>
    public readonly int ReadLimit => _phase switch
    {
        Phase.First => MinHeaderBytes,
        Phase.Second => 1,
        Phase.ExtendedLength => _pending + (_masked ? MaskKeyBytes : 0),
        Phase.MaskKey => _pending,
        _ => (int)Math.Min(_length, int.MaxValue),
    };

    /// <summary>Payload bytes of the frame being read that have not passed yet (0 outside a frame's payload).</summary>
    public readonly ulong PayloadLeft => _phase == Phase.Payload ? _length : 0;

    /// <summary>
    /// The length of the whole, well-formed client pong (FIN, masked, at most 125 bytes of payload)
    /// that <paramref name="bytes"/> start with, else 0. Anything else about a pong is for the framing
    /// layer to judge (1002).
    /// </summary>
    public static int WholePongLength(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < MinHeaderBytes || bytes[0] != WholePongByte || (bytes[1] & MaskBit) == 0)
        {
            return 0;
        }

        var payload = bytes[1] & Length7Mask;
        var length = MinHeaderBytes + MaskKeyBytes + payload;
        return payload <= MaxControlPayloadBytes && bytes.Length >= length ? length : 0;
    }

    /// <summary>Consumes <paramref name="bytes"/> and returns how many frame headers in them start a frame that completes no message.</summary>
    public int Count(ReadOnlySpan<byte> bytes)
    {
        var counted = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            if (_phase == Phase.Payload)
            {
                // Skip the payload without looking at it.
                var skip = (int)Math.Min(_length, (ulong)(bytes.Length - i));
                i += skip;
                _length -= (ulong)skip;
                if (_length == 0)
                {
                    _phase = Phase.First;
                }

                continue;
            }

            if (Header(bytes[i++]))
            {
                counted += _completesNoMessage ? 1 : 0;
            }
        }

        return counted;
    }

    /// <summary>True when a pong frame began since the last call.</summary>
    public bool TakePong()
    {
        var seen = _pongSeen;
        _pongSeen = false;
        return seen;
    }

    /// <summary>Takes one header byte; true when it completed a frame's header.</summary>
    private bool Header(byte b)
    {
        switch (_phase)
        {
            case Phase.First:
                _completesNoMessage = (b & FinBit) == 0 || (b & OpcodeMask) >= FirstControlOpcode;
                _pongSeen |= (b & OpcodeMask) == PongOpcode;
                _phase = Phase.Second;
                return false;
            case Phase.Second:
                _masked = (b & MaskBit) != 0;
                _length = (ulong)(b & Length7Mask);
                _pending = _length switch { Length16Marker => 2, Length64Marker => 8, _ => 0 };
                if (_pending > 0)
                {
                    _length = 0;
                    _phase = Phase.ExtendedLength;
                    return false;
                }

                return AfterLength();
            case Phase.ExtendedLength:
                _length = (_length << 8) | b;
                return --_pending == 0 && AfterLength();
            default:
                return --_pending == 0 && StartPayload();
        }
    }

    private bool AfterLength()
    {
        if (_masked)
        {
            _pending = MaskKeyBytes;
            _phase = Phase.MaskKey;
            return false;
        }

        return StartPayload();
    }

    private bool StartPayload()
    {
        _phase = _length == 0 ? Phase.First : Phase.Payload;
        return true;
    }
}
