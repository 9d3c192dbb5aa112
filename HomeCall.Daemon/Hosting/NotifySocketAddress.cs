using System.Net.Sockets;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// Reads <c>$NOTIFY_SOCKET</c> as sd_notify(3) does: an absolute path names a Unix
/// datagram socket in the file system, a leading <c>@</c> a socket in the abstract
/// namespace (the <c>@</c> stands for the leading NUL byte of its name).
/// </summary>
internal static class NotifySocketAddress
{
    public static UnixDomainSocketEndPoint? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return value[0] switch
            {
                '/' => new UnixDomainSocketEndPoint(value),
                '@' when value.Length > 1 => new UnixDomainSocketEndPoint("\0" + value[1..]),
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            // Longer than sockaddr_un can hold: no systemd hands out such a name.
            return null;
        }
    }
}
