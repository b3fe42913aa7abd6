namespace CanaryFlow.Controller.Git;

/// <summary>
/// One git command: arguments, where it runs, extra environment and how long it may take. Credentials are never
/// arguments; they arrive as environment that points at private files (<see cref="GitCredentialFiles"/>).
/// </summary>
internal sealed record GitInvocation(IReadOnlyList<string> Arguments, string WorkingDirectory, TimeSpan Timeout)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Text written to git's standard input (commit messages), or null.</summary>
    public string? StandardInput { get; init; }

    /// <summary>The subcommand, for messages and logs.</summary>
    public string Command => Arguments.FirstOrDefault(argument => !argument.StartsWith('-') && !argument.Contains('=', StringComparison.Ordinal)) ?? "";
}
