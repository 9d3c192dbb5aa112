namespace HomeCall.Daemon.Config;

/// <summary>What <see cref="EnvFileScanner"/> read: the assignments in file order, and its notes.</summary>
internal sealed record EnvFileScan(IReadOnlyList<EnvFileAssignment> Assignments, IReadOnlyList<EnvFileNote> Notes);
