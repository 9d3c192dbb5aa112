namespace HomeCall.Bench.Net;

/// <summary>
/// Runs socket completions on the runtime's event threads instead of queueing each one to the
/// thread pool. A churn session is a chain of short awaits (connect, handshake, join, relay,
/// close), and a relay peer answers each message it receives; without this every link costs a
/// thread-pool hop and a wake-up, which on a small machine is CPU taken from the server being
/// measured (relay 200×1: the client's CPU fell from 1.46 to 1.35 cores while the daemon's
/// rate rose 15-25% and Node's 50%). Must be set before the first socket.
/// </summary>
internal static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns it on unless the operator chose a value (an explicit "0" is kept).</summary>
    public static void EnableUnlessSet()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
