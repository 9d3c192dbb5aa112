using HomeCall.Daemon.Hosting;

namespace HomeCall.Daemon.Manual;

/// <summary>`homecall man PAGE`: the page in man(7) source on stdout (how `make install` and `make deb` get them).</summary>
internal static class ManualCommand
{
    public static int Run(string page, string version, TextWriter stdout, TextWriter stderr)
    {
        if (!ManualPages.ByName.TryGetValue(page, out var render))
        {
            stderr.WriteLine($"homecall: no manual page '{page}' (there are {string.Join(" and ", ManualPages.ByName.Keys)})");
            return ExitCodes.Usage;
        }

        stdout.Write(render(version));
        return ExitCodes.Ok;
    }
}
