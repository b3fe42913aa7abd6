using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Runs a kustomize build of a checked-out directory and returns the YAML it prints. Tries the configured command,
/// or <c>kubectl kustomize</c> then <c>kustomize build</c>; a binary that is missing is "cannot verify", never
/// "nothing rendered".
/// </summary>
internal sealed class KustomizeBuilder
{
    private static readonly IReadOnlyList<IReadOnlyList<string>> _defaultCommands = [["kubectl", "kustomize"], ["kustomize", "build"]];
    private readonly IReadOnlyList<IReadOnlyList<string>> _commands;
    private readonly TimeSpan _timeout;

    public KustomizeBuilder(ManifestRenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _commands = options.KustomizeCommand is { Count: > 0 } command ? [command] : _defaultCommands;
        _timeout = options.KustomizeTimeout;
    }

    /// <param name="directory">The kustomization directory inside the checkout.</param>
    /// <param name="checkoutRoot">Replaced by "." in messages: a temp path says nothing to the reader of a condition.</param>
    /// <param name="description">Path and commit, for messages.</param>
    public async Task<string> BuildAsync(string directory, string checkoutRoot, string description, CancellationToken cancellationToken)
    {
        foreach (var command in _commands)
        {
            var start = new ProcessStartInfo(command[0])
            {
                WorkingDirectory = checkoutRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var argument in command.Skip(1).Append(directory))
            {
                start.ArgumentList.Add(argument);
            }

            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (Win32Exception)
            {
                // Not installed: try the next command.
                continue;
            }

            if (process is null)
            {
                continue;
            }

            using (process)
            {
                return await WaitAsync(process, string.Join(' ', command), checkoutRoot, description, cancellationToken);
            }
        }

        throw new ManifestRenderException(ManifestRenderFailure.KustomizeUnavailable,
            $"cannot build the kustomization {description}: none of {string.Join(", ", _commands.Select(c => string.Join(' ', c)))} is installed");
    }

    private async Task<string> WaitAsync(Process process, string command, string checkoutRoot, string description, CancellationToken cancellationToken)
    {
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new ManifestRenderException(ManifestRenderFailure.KustomizeTimedOut,
                $"{command} of {description} did not finish within {_timeout.TotalSeconds:0.#} s");
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            var cause = string.Join(" / ", errors.Replace(checkoutRoot, ".", StringComparison.Ordinal)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
            throw new ManifestRenderException(ManifestRenderFailure.KustomizeFailed,
                $"{command} of {description} failed with exit code {process.ExitCode}: {cause}");
        }

        return output;
    }
}
