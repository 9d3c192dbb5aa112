using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Reads a pooled message the way a test wants it: a copy of its bytes, the lease released.</summary>
internal static class Leases
{
    public static byte[] TakeBytes(MessageLease lease)
    {
        try
        {
            return lease.Memory.ToArray();
        }
        finally
        {
            lease.Release();
        }
    }
}
