using K = HomeCall.Daemon.Config.SettingKeys;

namespace HomeCall.Daemon.Config;

/// <summary>
/// The rules between the queue settings. A relay is at most the sender's message plus 400
/// stamped bytes (docs/protocol.md §3.1), so twice the largest message plus an allowance holds
/// two largest relays, one being written while the next waits; and a /signal queue is delivered
/// to the joiner in one go, so it must fit in that joiner's send queue (§11.5).
/// </summary>
internal static class QueueBounds
{
    /// <summary>Bytes a relay may add to the message it carries (stamped type, from, room).</summary>
    public const int RelayStampAllowance = 1024;

    /// <summary>The lower bound of both queues, as the docs write it.</summary>
    public static readonly string Minimum = $"2 × {K.MaxMessageBytes} + {RelayStampAllowance}";

    public static void Check(SettingReader r, DaemonOptions o)
    {
        var needed = (2L * o.MaxMessageBytes) + RelayStampAllowance;
        if (o.MaxSendQueueBytes < needed)
        {
            r.Fail($"{K.MaxSendQueueBytes} must be at least 2 x {K.MaxMessageBytes} + {RelayStampAllowance} ({needed}) to hold one relayed message (got '{o.MaxSendQueueBytes}')");
        }

        if (o.MaxQueuedBytes < needed)
        {
            r.Fail($"{K.MaxQueuedBytes} must be at least 2 x {K.MaxMessageBytes} + {RelayStampAllowance} ({needed}) to hold one relayed message (got '{o.MaxQueuedBytes}')");
        }
        else if (o.MaxQueuedBytes > o.MaxSendQueueBytes)
        {
            r.Fail($"{K.MaxQueuedBytes} must not exceed {K.MaxSendQueueBytes} ({o.MaxSendQueueBytes}): a joiner receives the whole queue at once (got '{o.MaxQueuedBytes}')");
        }
    }
}
