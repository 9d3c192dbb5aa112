namespace HomeCall.Daemon.Transport;

/// <summary>
/// Where a send queue's drain runs. While a received message is being handled, the queues it
/// fills are drained on the same thread right after the handler returns (outside any room
/// lock): the relay leaves in the same turn as the message that caused it, with no thread-pool
/// hand-off per message. The same holds for what a connection's end sends (its close answer,
/// the others' notices). Sends from anywhere else (timers, shutdown) drain on the thread pool.
/// </summary>
internal static class DeferredDrains
{
    [ThreadStatic]
    private static List<SendQueue>? t_pending;

    [ThreadStatic]
    private static bool t_deferring;

    /// <summary>Starts deferring: drains scheduled on this thread wait for <see cref="RunPending"/>.</summary>
    public static void Begin() => t_deferring = true;

    /// <summary>Stops deferring and runs the drains scheduled since <see cref="Begin"/>, in order.</summary>
    public static void RunPending()
    {
        t_deferring = false;
        var pending = t_pending;
        if (pending is null || pending.Count == 0)
        {
            return;
        }

        // A drain may schedule nothing here (deferring is off), so the list is stable while it runs.
        for (var i = 0; i < pending.Count; i++)
        {
            pending[i].StartDrain();
        }

        pending.Clear();
    }

    /// <summary>Runs <paramref name="action"/> and then, on this thread, the drains it scheduled.</summary>
    public static void RunHere<T>(T state, Action<T> action)
    {
        Begin();
        try
        {
            action(state);
        }
        finally
        {
            RunPending();
        }
    }

    public static void Schedule(SendQueue queue)
    {
        if (t_deferring)
        {
            (t_pending ??= new List<SendQueue>(8)).Add(queue);
            return;
        }

        // Local queue: the drain usually runs on this worker right after the current work item,
        // without waking another thread (other workers still steal it when this one is busy).
        ThreadPool.UnsafeQueueUserWorkItem(queue, preferLocal: true);
    }
}
