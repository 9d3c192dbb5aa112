namespace HomeCall.Daemon.Tests.Repository;

/// <summary>The comment text of one line of a repository file, with where it is.</summary>
internal sealed record SourceComment(string RelativePath, int LineNumber, string Text)
{
    public override string ToString() => $"{RelativePath}:{LineNumber}: {Text}";
}
