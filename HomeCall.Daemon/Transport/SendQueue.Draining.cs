namespace HomeCall.Daemon.Transport;

/// <summary>
/// The draining side of <see cref="SendQueue"/>: the frames queued are written one at a time (a burst
/// gathered into one socket write) after the caller that queued the first one returned
/// (<see cref="DrainScheduler"/>), until the queue is empty or the connection failed.
/// </summary>
internal sealed partial class SendQueue
{
    void IThreadPoolWorkItem.Execute() => StartDrain();

    /// <summary>Runs the drain scheduled by the first frame queued (see <see cref="DrainScheduler"/>).</summary>
    public void StartDrain() => _ = DrainAsync();

    /// <summary>
    /// Drains the queue; an exception other than a send failure (those the writing side
    /// handles) would otherwise end the drain with the queue still marked draining: later sends
    /// would wait forever and <see cref="FinishAsync"/> its whole timeout. Such a connection is aborted.
    /// </summary>
    private async Task DrainAsync()
    {
        try
        {
            await DrainFramesAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Send queue drain failed unexpectedly, aborting the connection");
            _ws.Abort();
            StopDraining();
        }
    }

    private async Task DrainFramesAsync()
    {
        // Several waiting frames are gathered into one socket write (one packet for a burst).
        var batching = false;
        while (true)
        {
            OutgoingFrame frame;
            bool hasFrame;
            bool more;
            lock (_gate)
            {
                hasFrame = _queue.TryDequeue(out frame);
                if (!hasFrame && !batching)
                {
                    _queue.Release();
                    _draining = false;
                    _drained?.TrySetResult();
                    return;
                }

                more = _queue.Count > 0;
            }

            var ok = true;
            if (batching && (!hasFrame || frame.IsClose))
            {
                // The batch goes out before a close frame, so the close timer starts once it is sent.
                batching = false;
                ok = await EndBatchAsync().ConfigureAwait(false);
            }

            if (ok && hasFrame)
            {
                if (!batching && more && !frame.IsClose)
                {
                    _stream.BeginBatch();
                    batching = true;
                }

                try
                {
                    ok = await WriteAsync(frame).ConfigureAwait(false);
                }
                finally
                {
                    // The socket has taken (or failed) the frame: the WebSocket copied its payload before it completed.
                    frame.Lease.Release();
                }

                if (ok && !frame.IsClose)
                {
                    lock (_gate)
                    {
                        _queuedBytes -= frame.Data.Length;
                    }
                }
            }

            if (!ok)
            {
                StopDraining();
                return;
            }
        }
    }

    /// <summary>The connection was aborted: nothing queued can go out any more, nor can anything later.</summary>
    private void StopDraining()
    {
        lock (_gate)
        {
            _queuedBytes = 0;
            _closing = true;
            _draining = false;
            _drained?.TrySetResult();
            // Last: a release that fails the pooled-message guard must not leave the queue marked draining.
            _queue.Clear();
        }
    }
}
