using System.Diagnostics;
using System.Globalization;

namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>
/// Lists the child processes the tests start in the directory named by <c>$CANARYFLOW_TEST_CHILD_PIDS</c> (one file
/// per process id, holding the binary's path), so tests/run-all.sh can kill exactly those, by id, once the test run
/// ends however it ended. Without the variable it does nothing; <see cref="OrphanGuard"/> covers that case.
/// </summary>
public static class ChildProcessRegistry
{
    public const string Variable = "CANARYFLOW_TEST_CHILD_PIDS";

    public static void Add(Process process, string binary)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (File(process.Id) is { } file)
        {
            System.IO.File.WriteAllText(file, binary + "\n");
        }
    }

    public static void Remove(int processId)
    {
        if (File(processId) is { } file)
        {
            System.IO.File.Delete(file);
        }
    }

    private static string? File(int processId) =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } directory && Directory.Exists(directory)
            ? Path.Combine(directory, processId.ToString(CultureInfo.InvariantCulture))
            : null;
}
