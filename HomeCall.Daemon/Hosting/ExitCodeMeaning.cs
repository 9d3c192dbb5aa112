namespace HomeCall.Daemon.Hosting;

/// <summary>One exit status and what it tells the admin, as --help and homecall(1) list it.</summary>
internal sealed record ExitCodeMeaning(int Code, string Meaning);
