using System.Globalization;

namespace HomeCall.Bench.Load;

/// <summary>
/// The open-file limit of this process (/proc/self/limits): one socket is one descriptor, so a
/// run that needs more than the soft limit fails fast with a clear message instead of EMFILE halfway.
/// </summary>
internal static class FileLimit
{
    /// <summary>Descriptors the runtime and the tool use besides the load's sockets.</summary>
    public const int Reserve = 200;

    public static long Soft()
    {
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return soft is null || soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
    }

    public static void Check(int sockets)
    {
        var soft = Soft();
        if (sockets + Reserve > soft)
        {
            throw new ArgumentException(
                $"{sockets} sockets need about {sockets + Reserve} open files but this process may open {soft} (ulimit -n); "
                + $"lower --connections to {Math.Max(0, soft - Reserve)} or raise the limit");
        }
    }
}
