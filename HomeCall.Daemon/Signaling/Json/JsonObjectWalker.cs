namespace HomeCall.Daemon.Signaling.Json;

/// <summary>
/// Walks a message that must be exactly one JSON object (docs/protocol.md §3.1), yielding each member
/// in order with its key and value ranges; every value is validated as it is passed.
/// When <see cref="MoveNext"/> returns false the walk is over: <see cref="IsComplete"/>
/// then says whether the whole message was one valid object (only whitespace after the
/// closing brace, and no container nested deeper than the depth limit, the object itself
/// counting as one level).
/// </summary>
internal ref struct JsonObjectWalker
{
    /// <summary>A member's value is nested in the message object, which is one level already.</summary>
    private const int MessageObjectLevels = 1;

    private readonly ReadOnlySpan<byte> _json;
    private readonly int _maxDepth;
    private int _pos;
    private Phase _phase;

    public JsonObjectWalker(ReadOnlySpan<byte> json, int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, JsonScanner.MaxSupportedDepth);
        _json = json;
        _maxDepth = maxDepth;
    }

    private enum Phase
    {
        Start,
        Members,
        Complete,
        Invalid,
    }

    public readonly bool IsComplete => _phase == Phase.Complete;

    public bool MoveNext(out JsonMember member)
    {
        member = default;
        switch (_phase)
        {
            case Phase.Start:
                _pos = JsonScanner.SkipWhitespace(_json, 0);
                if (!At((byte)'{'))
                {
                    return Fail();
                }

                _pos = JsonScanner.SkipWhitespace(_json, _pos + 1);
                return At((byte)'}') ? End() : ReadMember(out member);
            case Phase.Members:
                _pos = JsonScanner.SkipWhitespace(_json, _pos);
                if (At((byte)'}'))
                {
                    return End();
                }

                if (!At((byte)','))
                {
                    return Fail();
                }

                _pos = JsonScanner.SkipWhitespace(_json, _pos + 1);
                return ReadMember(out member);
            default:
                return false;
        }
    }

    private readonly bool At(byte b) => _pos < _json.Length && _json[_pos] == b;

    /// <summary>`"key" ws : ws value`, the key's opening quote at the current position.</summary>
    private bool ReadMember(out JsonMember member)
    {
        member = default;
        if (!At((byte)'"'))
        {
            return Fail();
        }

        var keyStart = _pos;
        var keyEnd = JsonStrings.Skip(_json, keyStart + 1, out var keyEscaped);
        if (keyEnd < 0)
        {
            return Fail();
        }

        _pos = JsonScanner.SkipWhitespace(_json, keyEnd);
        if (!At((byte)':'))
        {
            return Fail();
        }

        var valueStart = JsonScanner.SkipWhitespace(_json, _pos + 1);
        var valueEnd = JsonScanner.SkipValue(_json, valueStart, MessageObjectLevels, _maxDepth, out var kind, out var valueEscaped);
        if (valueEnd < 0)
        {
            return Fail();
        }

        _pos = valueEnd;
        _phase = Phase.Members;
        member = new JsonMember(keyStart, keyEnd, keyEscaped, valueStart, valueEnd, kind, valueEscaped);
        return true;
    }

    /// <summary>The closing brace is at the current position: only whitespace may follow.</summary>
    private bool End()
    {
        _phase = JsonScanner.SkipWhitespace(_json, _pos + 1) == _json.Length ? Phase.Complete : Phase.Invalid;
        return false;
    }

    private bool Fail()
    {
        _phase = Phase.Invalid;
        return false;
    }
}
