namespace HomeCall.Bench.Net;

/// <summary>The server answered the upgrade with something other than 101 (503 at a connection limit, …).</summary>
internal sealed class HandshakeException : Exception
{
    public HandshakeException()
    {
    }

    public HandshakeException(string message)
        : base(message)
    {
    }

    public HandshakeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
