namespace HomeCall.Daemon.Tests.Browser;

/// <summary>Reads a text file embedded in the test assembly (the browser harness page).</summary>
internal static class Resource
{
    public static string Text(string name)
    {
        using var stream = typeof(Resource).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the test assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
