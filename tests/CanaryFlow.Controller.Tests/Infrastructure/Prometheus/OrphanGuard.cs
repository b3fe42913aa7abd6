using System.Diagnostics;
using System.Globalization;

namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>
/// A tiny shell loop that SIGKILLs a child process once this test process is gone, so a test host killed by a hang
/// timeout (or SIGKILL) cannot leave a Prometheus running. It exits by itself when the child exits first.
/// </summary>
public sealed class OrphanGuard : IDisposable
{
    private const string _script =
        "while kill -0 \"$1\" 2>/dev/null; do kill -0 \"$2\" 2>/dev/null || exit 0; sleep 0.5; done; kill -KILL \"$2\" 2>/dev/null";

    private readonly Process _process;

    private OrphanGuard(Process process)
    {
        _process = process;
    }

    public static OrphanGuard Watch(Process child)
    {
        ArgumentNullException.ThrowIfNull(child);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", _script, "orphan-guard", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), child.Id.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        return new OrphanGuard(Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start"));
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _process.Dispose();
    }
}
