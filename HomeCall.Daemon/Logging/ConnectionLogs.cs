using Serilog;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// Makes each connection's <see cref="ConnectionLogger"/> (<c>For(17)</c> writes <c>BOOTID-c17</c>) over one
/// logger that carries <see cref="CurrentConnectionId"/>, made once for all of them.
/// </summary>
internal sealed class ConnectionLogs(ILogger log, string bootId)
{
    private readonly ILogger _enriched = log.ForContext(new CurrentConnectionId());

    public ILogger For(long id) => new ConnectionLogger(_enriched, bootId, id);
}
