using System.Text.RegularExpressions;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Repository;

/// <summary>
/// The comments of the repository's own code and deployment files: C# and the HTML pages'
/// scripts (`//`, `/* */` lines), the Makefile, the env file, the systemd unit and the proxy
/// samples (`#`). Build output (bin, obj) and the vendored reference server are not ours.
/// </summary>
internal static partial class CommentScanner
{
    private static readonly string[] CodeFolders = ["HomeCall.Daemon", "HomeCall.Daemon.Tests", "bench"];

    private static readonly string[] HashCommentedFiles =
        ["Makefile", "homecall.env", Path.Combine("systemd", "homecall.service"), Path.Combine("deploy", "apache", "homecall.conf"),
            Path.Combine("deploy", "nginx", "homecall.conf"), Path.Combine("deploy", "caddy", "Caddyfile")];

    public static IEnumerable<SourceComment> All()
    {
        var code = CodeFolders
            .SelectMany(folder => Directory.EnumerateFiles(RepoPaths.File(folder), "*.*", SearchOption.AllDirectories))
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".html", StringComparison.Ordinal))
            .Where(path => !IsBuildOutput(path))
            .SelectMany(path => Comments(path, SlashComment()));
        var config = HashCommentedFiles.SelectMany(file => Comments(RepoPaths.File(file), HashComment()));
        return code.Concat(config);
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = Path.GetRelativePath(RepoPaths.Root, path).Split(Path.DirectorySeparatorChar);
        return parts.Any(p => p is "bin" or "obj" or "node_modules");
    }

    private static IEnumerable<SourceComment> Comments(string path, Regex comment)
    {
        var relative = Path.GetRelativePath(RepoPaths.Root, path);
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = comment.Match(lines[i]);
            if (match.Success)
            {
                yield return new SourceComment(relative, i + 1, match.Groups["text"].Value);
            }
        }
    }

    /// <summary>`//` (also `///`) after the start or a blank, so URLs such as http://x are not comments; or a `/*` or `*` line.</summary>
    [GeneratedRegex(@"(?:^|\s)//+(?<text>.*)$|^\s*/?\*+(?<text>.*)$")]
    private static partial Regex SlashComment();

    [GeneratedRegex(@"(?:^|\s)#(?<text>.*)$")]
    private static partial Regex HashComment();
}
