using Serilog;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// The room lines of one operation, gathered under the registry lock and written once it is
/// released: a log write, however slow, then never holds up another connection's join or leave.
/// One operation changes at most <see cref="Capacity"/> things (leave the previous room, replace
/// an older connection, join), so the lines live on the stack.
/// </summary>
internal ref struct RoomLogLines
{
    public const int Capacity = 3;

    private RoomLogLine _first;
    private RoomLogLine _second;
    private RoomLogLine _third;
    private int _count;

    public readonly int Count => _count;

    public void Add(RoomLogLine line)
    {
        switch (_count)
        {
            case 0:
                _first = line;
                break;
            case 1:
                _second = line;
                break;
            case 2:
                _third = line;
                break;
            default:
                throw new InvalidOperationException($"one operation logged more than {Capacity} room changes");
        }

        _count++;
    }

    /// <summary>Writes the lines in the order they were added; call it after the registry lock is released.</summary>
    public readonly void WriteTo(ILogger log)
    {
        if (_count > 0)
        {
            _first.WriteTo(log);
        }

        if (_count > 1)
        {
            _second.WriteTo(log);
        }

        if (_count > 2)
        {
            _third.WriteTo(log);
        }
    }
}
