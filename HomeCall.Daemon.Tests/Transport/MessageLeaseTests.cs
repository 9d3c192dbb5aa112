using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>The guard on pooled messages: a buffer goes back once, after its last reference, and a stale lease throws.</summary>
public sealed class MessageLeaseTests
{
    [Test]
    public void Release_LastOfSeveralReferences_ReturnsTheBufferOnce()
    {
        var arrays = new CountingArrayPool();
        var owner = new MessagePool(arrays).Rent("abc"u8);
        var queued = owner.Retain();

        owner.Release();
        Assert.That(arrays.Returned, Is.Zero, "a queue still holds the message");
        Assert.That(queued.Memory.ToArray(), Is.EqualTo("abc"u8.ToArray()));

        queued.Release();
        Assert.That((arrays.Rented, arrays.Returned), Is.EqualTo((1, 1)));
    }

    [Test]
    public void Release_Twice_Throws()
    {
        var lease = new MessagePool(new CountingArrayPool()).Rent("abc"u8);
        lease.Release();

        Assert.That(lease.Release, Throws.InvalidOperationException);
    }

    [Test]
    public void Memory_AfterReturn_Throws()
    {
        var lease = new MessagePool(new CountingArrayPool()).Rent("abc"u8);
        lease.Release();

        Assert.That(() => lease.Memory, Throws.InvalidOperationException);
        Assert.That(() => lease.Retain(), Throws.InvalidOperationException);
    }

    [Test]
    public void Release_StaleLeaseOfAReusedHolder_ThrowsAndLeavesTheNewMessage()
    {
        var pool = new MessagePool(new CountingArrayPool());
        var stale = pool.Rent("old"u8);
        stale.Release();
        var current = pool.Rent("new"u8);

        Assert.That(stale.Release, Throws.InvalidOperationException);
        Assert.That(current.Memory.ToArray(), Is.EqualTo("new"u8.ToArray()), "the stale release did not free the reused holder's buffer");
        current.Release();
    }
}
