namespace HomeCall.Bench.Stats;

/// <summary>
/// The progress line on stderr: rewritten in place on a terminal, one line per update when
/// stderr is a file or a pipe (so logs stay readable). Never on stdout, which carries only
/// the result line.
/// </summary>
internal static class Progress
{
    private static readonly bool Interactive = !Console.IsErrorRedirected;
    private static readonly int Width = ReadWidth();

    public static void Update(string text)
    {
        if (Interactive)
        {
            Console.Error.Write("\r" + text.PadRight(Width));
        }
        else
        {
            Console.Error.WriteLine(text);
        }
    }

    private static int ReadWidth()
    {
        const int Fallback = 100;
        try
        {
            return Interactive ? Math.Clamp(Console.WindowWidth - 1, 20, Fallback) : Fallback;
        }
        catch (IOException)
        {
            return Fallback;
        }
    }

    public static void Done()
    {
        if (Interactive)
        {
            Console.Error.WriteLine();
        }
    }
}
