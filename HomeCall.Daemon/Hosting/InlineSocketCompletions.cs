namespace HomeCall.Daemon.Hosting;

/// <summary>
/// Runs socket completions on the runtime's event threads (one per core) instead of handing
/// each to the thread pool. A signaling relay is a short, non-blocking piece of work between a
/// read and a write, so the hand-off cost more than the work: measured with `HomeCall.Bench
/// relay`, server CPU per relayed message fell by about a quarter (docs/benchmarks.md).
/// Nothing on the receive path blocks (handlers only take the registry lock briefly, sends
/// never wait), and a connection that keeps its socket full yields the thread after a burst
/// (WebSocketConnection). The runtime reads the switch once, at its first socket operation, so
/// this runs first thing; an administrator's own setting of the variable is left alone.
/// </summary>
internal static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void EnableUnlessSet()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
