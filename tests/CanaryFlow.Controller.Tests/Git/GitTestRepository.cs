using System.Diagnostics;
using System.Text;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// A real bare repository on disk (the "config repo") and an author's clone that commits and pushes to it with the
/// real git binary, as a person or a sync tool would.
/// </summary>
public sealed class GitTestRepository : IDisposable
{
    private readonly string _root;
    private int _clones;

    public GitTestRepository()
    {
        _root = Directory.CreateTempSubdirectory("canaryflow-gittest-").FullName;
        BarePath = Path.Combine(_root, "origin.git");
        Run(_root, "init", "--bare", "--quiet", "--initial-branch=main", BarePath);
        AuthorPath = NewClone();
    }

    /// <summary>The bare repository; a file path is a URL git accepts.</summary>
    public string BarePath { get; }

    public string Url => BarePath;

    public string AuthorPath { get; }

    public string Root => _root;

    /// <summary>Writes (content) or deletes (null) files in the author's clone, commits and pushes to main.</summary>
    public string Commit(string message, IReadOnlyDictionary<string, string?> files, string? clone = null)
    {
        var directory = clone ?? AuthorPath;
        Run(directory, ["pull", "--quiet", "--ff-only", "origin", "main"], allowFailure: true);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(directory, path);
            if (content is null)
            {
                Run(directory, "rm", "--quiet", "-r", "--", path);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content, new UTF8Encoding(false));
            Run(directory, "add", "--", path);
        }

        Run(directory, "commit", "--quiet", "--allow-empty", "-m", message);
        Run(directory, "push", "--quiet", "origin", "HEAD:refs/heads/main");
        return Head(directory);
    }

    public string NewClone()
    {
        var directory = Path.Combine(_root, $"clone-{Interlocked.Increment(ref _clones)}");
        Run(_root, "clone", "--quiet", BarePath, directory);
        Run(directory, "config", "user.name", "Test Author");
        Run(directory, "config", "user.email", "author@example.com");
        Run(directory, "checkout", "--quiet", "-B", "main");
        return directory;
    }

    /// <summary>The commit a ref of the bare repository points at, or null.</summary>
    public string? RemoteRef(string reference)
    {
        var output = Run(BarePath, ["rev-parse", "--verify", "--quiet", reference], allowFailure: true);
        return output.Length == 0 ? null : output.Trim();
    }

    /// <summary>The tree id of a path at a revision of the bare repository, or null when it is absent there.</summary>
    public string? TreeAt(string revision, string path)
    {
        var output = Run(BarePath, ["rev-parse", "--verify", "--quiet", $"{revision}:{path}"], allowFailure: true);
        return output.Length == 0 ? null : output.Trim();
    }

    public string Show(string revision, string path) => Run(BarePath, "show", $"{revision}:{path}");

    public IReadOnlyList<string> CommitsOn(string reference) =>
        Run(BarePath, "rev-list", reference).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string Message(string commit) => Run(BarePath, "log", "-1", "--format=%B", commit);

    public static string Head(string directory) => Run(directory, "rev-parse", "HEAD").Trim();

    public static string Run(string directory, params string[] arguments) => Run(directory, arguments, allowFailure: false);

    public static string Run(string directory, string[] arguments, bool allowFailure)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start)!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {stderr}");
        }

        return process.ExitCode == 0 ? stdout : "";
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
