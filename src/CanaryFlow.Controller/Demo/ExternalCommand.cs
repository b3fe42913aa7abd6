using System.Diagnostics;

namespace CanaryFlow.Controller.Demo;

/// <summary>The outcome of a command the demo ran (git, kubectl).</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs the real git and kubectl the demo drives, as a person would type them, and captures their output.</summary>
public static class ExternalCommand
{
    /// <summary>Runs <paramref name="fileName"/> to its end; cancelling kills it.</summary>
    public static async Task<CommandResult> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // git must never wait for a password or an editor: the demo runs unattended.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_EDITOR"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Like <see cref="RunAsync"/>, throwing with the command and its error output when it fails.</summary>
    public static async Task<string> RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        var result = await RunAsync(fileName, arguments, workingDirectory, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? result.Stdout
            : throw new InvalidOperationException($"`{fileName} {string.Join(' ', arguments)}` failed ({result.ExitCode}): {result.Stderr.Trim()}");
    }
}
