using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace CanaryFlow.Kubernetes.Config.Exec;

/// <summary>Runs a credential plugin once, non-interactively, and collects what it printed.</summary>
internal static class ExecPluginProcess
{
    public const string ExecInfoVariable = "KUBERNETES_EXEC_INFO";

    // errno ENOENT on Unix and ERROR_FILE_NOT_FOUND on Windows share the value.
    private const int _fileNotFound = 2;

    public static async Task<ExecPluginOutput> RunAsync(ExecPluginSettings settings, string execInfo, TimeProvider clock, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(settings.Command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in settings.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in settings.EnvironmentVariables)
        {
            start.Environment[name] = value;
        }

        start.Environment[ExecInfoVariable] = execInfo;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var problem = e.NativeErrorCode == _fileNotFound ? "executable not found" : "could not be started: " + e.Message;
            throw new CredentialException(ExecPluginMessages.WithInstallHint(settings, $"{settings}: {problem}"), e);
        }

        // Non-interactive: the plugin gets an empty stdin, as client-go gives it none.
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(settings.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(linked.Token);
        var stderr = process.StandardError.ReadToEndAsync(linked.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            return new ExecPluginOutput(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await ((Task)Task.WhenAll(stdout, stderr)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
            throw new CredentialException(ExecPluginMessages.WithInstallHint(settings, $"{settings}: did not finish within {settings.Timeout} and was killed"));
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
        catch (Win32Exception)
        {
            // Some child could not be killed; the plugin itself is gone or going, and its pipes close with it.
        }
    }
}
