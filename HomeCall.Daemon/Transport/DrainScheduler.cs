namespace HomeCall.Daemon.Transport;

/// <summary>
/// Where a send queue's drain runs; one per listener, handed to every connection and send
/// queue it makes. While a thread handles a received message (inside <see cref="RunHere{T}"/>,
/// or between <see cref="Begin"/> and <see cref="RunPending"/>), the queues that message fills
/// are drained on that same thread right after the handler returns (outside any room lock): the
/// relay leaves in the same turn as the message that caused it, with no thread-pool hand-off per
/// message. The same holds for what a connection's end sends (its close answer, the others'
/// notices). Sends from anywhere else (timers, shutdown) drain on the thread pool.
/// </summary>
/// <remarks>
/// The queues waiting for the end of the current message are kept per thread, not per instance:
/// a thread handles one message at a time, and the handler it calls (rooms, relays) cannot
/// carry the list through without every send taking it as an argument.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Performance",
    "CA1822:Mark members as static",
    Justification = "An instance, handed to each queue and connection, so the types that defer drains say so; the per-thread list is the remark above.")]
internal sealed class DrainScheduler
{
    [ThreadStatic]
    private static List<SendQueue>? t_pending;

    [ThreadStatic]
    private static bool t_deferring;

    /// <summary>Starts deferring: drains scheduled on this thread wait for <see cref="RunPending"/>.</summary>
    public void Begin() => t_deferring = true;

    /// <summary>Stops deferring and runs the drains scheduled since <see cref="Begin"/>, in order.</summary>
    public void RunPending()
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
    public void RunHere<T>(T state, Action<T> action)
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

    /// <summary>The queue has frames and no drain: run one now or after the current message.</summary>
    public void Schedule(SendQueue queue)
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
