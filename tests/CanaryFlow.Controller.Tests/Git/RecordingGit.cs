using System.Runtime.Versioning;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// A git executable (a shell wrapper) that appends the argv and the environment of every invocation to files, then
/// runs the real git. Transport tests hand <see cref="Executable"/> to the workspace to prove that a credential never
/// reaches git's command line or environment, where any process on the node could read it.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RecordingGit : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("canaryflow-git-argv-").FullName;

    public RecordingGit()
    {
        Executable = Path.Combine(_directory, "git");
        File.WriteAllText(Executable, $"""
            #!/bin/sh
            printf '%s\n' "$*" >> '{ArgvPath}'
            env >> '{EnvironmentPath}'
            exec git "$@"

            """);
        File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The wrapper to pass as the git executable.</summary>
    public string Executable { get; }

    /// <summary>Every invocation's arguments, one line each (empty before the first).</summary>
    public string Argv => ReadOrEmpty(ArgvPath);

    /// <summary>Every invocation's environment, as <c>env</c> prints it (empty before the first).</summary>
    public string Environment => ReadOrEmpty(EnvironmentPath);

    private string ArgvPath => Path.Combine(_directory, "argv.log");

    private string EnvironmentPath => Path.Combine(_directory, "env.log");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
}
