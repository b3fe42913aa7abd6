namespace CanaryFlow.Controller.Git;

/// <summary>
/// A git command failed or timed out. The message names the subcommand and git's own words so that a condition or
/// Event can say why; arguments never carry credentials, so quoting them is safe.
/// </summary>
internal sealed class GitCommandException : Exception
{
    public GitCommandException(string command, int exitCode, string stderr)
        : base($"git {command} failed with exit code {exitCode}: {FirstLines(stderr)}")
    {
        Command = command;
        ExitCode = exitCode;
        Stderr = stderr;
    }

    public GitCommandException(string command, TimeSpan timeout)
        : base($"git {command} did not finish within {timeout.TotalSeconds:0.#} s")
    {
        Command = command;
        ExitCode = -1;
        Stderr = "";
        TimedOut = true;
    }

    public string Command { get; }

    public int ExitCode { get; }

    public string Stderr { get; }

    /// <summary>What ssh prints when the server's host key is not the one in known_hosts.</summary>
    public const string HostKeyVerificationFailed = "Host key verification failed";

    public bool TimedOut { get; }

    // Conditions and Events have size limits; git's first lines carry the cause, the rest is hints. ssh's host-key
    // warning is a banner of '@' lines and advice, with the cause on its last line: that line is put first.
    private static string FirstLines(string stderr)
    {
        var all = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("hint:", StringComparison.Ordinal) && !line.StartsWith('@'))
            .ToList();
        var hostKey = all.FindIndex(line => line.StartsWith(HostKeyVerificationFailed, StringComparison.Ordinal));
        if (hostKey > 0)
        {
            all.Insert(0, all[hostKey]);
            all.RemoveAt(hostKey + 1);
        }

        var lines = all.Take(3);
        return string.Join(" / ", lines);
    }
}
