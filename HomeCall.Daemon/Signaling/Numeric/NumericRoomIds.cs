using System.Globalization;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Signaling.Numeric;

/// <summary>
/// Numeric room ids (docs/protocol.md §7.1): 4 digits, "1000"-"9999", random among the unused ones. The id is the
/// only thing that keeps strangers out of a room, so it comes from a cryptographic generator (<see cref="SecureRandomBlock"/>):
/// a client that creates rooms itself must not learn which ids others will get.
/// </summary>
internal static class NumericRoomIds
{
    public const int First = 1000;
    public const int Last = 9999;
    public const int Capacity = Last - First + 1;

    private const int RandomTries = 16;

    /// <summary>A free id, or null when all 9000 are taken.</summary>
    public static string? Pick(RoomLock rooms)
    {
        if (rooms.CountOf(Dialect.Numeric) >= Capacity)
        {
            return null;
        }

        for (var i = 0; i < RandomTries; i++)
        {
            var id = Format(SecureRandomBlock.GetInt32(First, Last + 1));
            if (!rooms.Contains(Dialect.Numeric, id))
            {
                return id;
            }
        }

        // Nearly full: walk from a random start so the pick stays unpredictable and always ends.
        var start = SecureRandomBlock.GetInt32(0, Capacity);
        for (var i = 0; i < Capacity; i++)
        {
            var id = Format(First + ((start + i) % Capacity));
            if (!rooms.Contains(Dialect.Numeric, id))
            {
                return id;
            }
        }

        return null;
    }

    private static string Format(int n) => n.ToString(CultureInfo.InvariantCulture);
}
