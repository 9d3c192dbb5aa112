namespace HomeCall.Daemon.Config;

/// <summary>One option of the command line as homecall(1) documents it.</summary>
/// <param name="Name">The option as typed (<c>--port</c>).</param>
/// <param name="Argument">The placeholder of its value (<c>N</c>), or null for a switch.</param>
/// <param name="Doc">What it does (markdown: backticks mark literal text).</param>
internal sealed record CommandLineOption(string Name, string? Argument, string Doc);
