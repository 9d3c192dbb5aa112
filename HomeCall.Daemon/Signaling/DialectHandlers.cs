using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Signaling.Homecall;
using HomeCall.Daemon.Signaling.Mesh;
using HomeCall.Daemon.Signaling.Numeric;
using HomeCall.Daemon.Signaling.Sessions;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// The registered dialect handlers, exactly one per <see cref="Dialect"/>: a dialect without a
/// handler, a second handler for one, or a handler of an undefined dialect throws here, at
/// start-up, instead of leaving its connections unanswered.
/// </summary>
internal sealed class DialectHandlers
{
    private readonly IDialectHandler[] _all;

    public DialectHandlers(params IDialectHandler[] handlers)
    {
        var dialects = Enum.GetValues<Dialect>();
        foreach (var handler in handlers)
        {
            if (!Enum.IsDefined(handler.Dialect))
            {
                throw new ArgumentOutOfRangeException(nameof(handlers), handler.Dialect, "a handler of an undefined dialect");
            }
        }

        foreach (var dialect in dialects)
        {
            var count = handlers.Count(h => h.Dialect == dialect);
            if (count != 1)
            {
                throw new ArgumentException($"dialect {DialectNames.Of(dialect)} has {count} handlers, not one", nameof(handlers));
            }
        }

        _all = handlers;
    }

    /// <summary>In registration order (the sweep's order).</summary>
    public IReadOnlyList<IDialectHandler> All => _all;

    /// <summary>The one place a dialect is registered: a new dialect is a folder of its own and a line here.</summary>
    public static DialectHandlers Create(SignalingContext ctx) => new(
        new HomecallHandler(ctx),
        new MeshHandler(ctx),
        new NumericHandler(ctx),
        new SessionHandler(ctx));

    /// <summary>The dialect the upgrade URL selects, or null (the room endpoint without `roomId`).</summary>
    public IDialectHandler? SelectedBy(IConnection connection)
    {
        foreach (var handler in _all)
        {
            if (handler.IsSelectedBy(connection))
            {
                return handler;
            }
        }

        return null;
    }

    /// <summary>The dialect a message selects on a connection whose dialect is not fixed yet, or null.</summary>
    public IDialectHandler? SelectedBy(in InboundMessage message)
    {
        foreach (var handler in _all)
        {
            if (handler.IsSelectedBy(message))
            {
                return handler;
            }
        }

        return null;
    }
}
