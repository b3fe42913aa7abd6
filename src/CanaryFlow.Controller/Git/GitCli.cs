using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Runs the git binary. Every run is non-interactive (no terminal prompt, no system or user config, no credential
/// helpers) so that a missing credential fails fast instead of hanging a reconcile, and a timeout kills the process
/// tree. LibGit2Sharp is not used: its native binaries are not in our package registry, and Argo CD drives the CLI too.
/// </summary>
internal sealed class GitCli
{
    private readonly string _executable;
    private readonly ILogger _logger;

    public GitCli(ILogger logger, string executable = "git")
    {
        _logger = logger;
        _executable = executable;
    }

    /// <summary>Runs git and returns its result whatever the exit code; throws only on timeout or cancellation.</summary>
    public async Task<GitResult> RunAsync(GitInvocation invocation, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_executable)
        {
            WorkingDirectory = invocation.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // Isolation comes first in argv so no repository or user config can re-enable prompts or helpers.
        foreach (var argument in (string[])["-c", "credential.helper=", "-c", "core.hooksPath=/dev/null", "-c", "protocol.file.allow=always"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in invocation.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ApplyEnvironment(start.Environment, invocation.Environment);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {_executable}");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (invocation.StandardInput is not null)
        {
            await process.StandardInput.WriteAsync(invocation.StandardInput.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(invocation.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            GitLog.TimedOut(_logger, invocation.Command, invocation.Timeout.TotalSeconds);
            throw new GitCommandException(invocation.Command, invocation.Timeout);
        }

        var result = new GitResult(process.ExitCode, await stdout, await stderr);
        GitLog.Ran(_logger, invocation.Command, result.ExitCode, stopwatch.ElapsedMilliseconds);
        return result;
    }

    /// <summary>Runs git and throws <see cref="GitCommandException"/> unless it exits 0.</summary>
    public async Task<string> RunCheckedAsync(GitInvocation invocation, CancellationToken cancellationToken)
    {
        var result = await RunAsync(invocation, cancellationToken);
        return result.Succeeded ? result.Stdout : throw new GitCommandException(invocation.Command, result.ExitCode, result.Stderr);
    }

    private static void ApplyEnvironment(IDictionary<string, string?> environment, IReadOnlyDictionary<string, string> extra)
    {
        // Inherited GIT_* variables (a developer's GIT_DIR, an operator's GIT_ASKPASS) must not steer the controller.
        foreach (var key in environment.Keys.Where(key => key.StartsWith("GIT_", StringComparison.Ordinal) || key is "SSH_ASKPASS" or "SSH_AUTH_SOCK").ToList())
        {
            environment.Remove(key);
        }

        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["LC_ALL"] = "C";
        // Without credentials an SSH remote must fail rather than ask; GitCredentialFiles replaces this when it has a key.
        environment["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o StrictHostKeyChecking=yes";
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }
    }
}
