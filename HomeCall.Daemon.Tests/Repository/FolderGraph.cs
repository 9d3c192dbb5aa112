using System.Text.RegularExpressions;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Repository;

/// <summary>
/// Which of the daemon's folders (namespaces) each folder's code names: a <c>using</c> of another
/// folder's namespace or a name qualified with it (in a comment's <c>cref</c> too, which the compiler
/// also resolves). Files at the project's top (Program, Startup) are the composition root and belong
/// to no folder.
/// </summary>
internal static partial class FolderGraph
{
    private const string Project = "HomeCall.Daemon";

    /// <summary>Folder → the other folders its code names.</summary>
    public static Dictionary<string, SortedSet<string>> OfDaemon()
    {
        var root = RepoPaths.File(Project);
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("bin" or "obj")).ToHashSet(StringComparer.Ordinal);
        var graph = folders.ToDictionary(f => f, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var named = Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
                .SelectMany(path => NamespaceReference().Matches(File.ReadAllText(path)))
                .Select(m => m.Groups["folder"].Value)
                .Where(other => other != folder && folders.Contains(other));
            graph[folder].UnionWith(named);
        }

        return graph;
    }

    /// <summary>A cycle as the folders along it (the first repeated at the end), or null when there is none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start, graph, done, path) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static List<string>? Visit(string folder, IReadOnlyDictionary<string, SortedSet<string>> graph, HashSet<string> done, List<string> path)
    {
        if (path.IndexOf(folder) is var at and >= 0)
        {
            return [.. path.Skip(at), folder];
        }

        if (!done.Add(folder))
        {
            return null;
        }

        path.Add(folder);
        foreach (var next in graph.GetValueOrDefault(folder) ?? [])
        {
            if (Visit(next, graph, done, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        return null;
    }

    [GeneratedRegex(@"\bHomeCall\.Daemon\.(?<folder>[A-Z][A-Za-z]*)\b")]
    private static partial Regex NamespaceReference();
}
