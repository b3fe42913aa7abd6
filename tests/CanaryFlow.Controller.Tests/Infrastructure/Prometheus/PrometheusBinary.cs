namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>
/// Finds the real prometheus binary: $PROMETHEUS_BINARY, then PATH, then the Debian package's /usr/bin/prometheus.
/// When it is missing the tests that need it fail (they are never skipped) with a message saying how to install it.
/// </summary>
public static class PrometheusBinary
{
    public const string Variable = "PROMETHEUS_BINARY";
    public const string DebianPath = "/usr/bin/prometheus";

    public static string Locate() =>
        Locate(Environment.GetEnvironmentVariable(Variable), Environment.GetEnvironmentVariable("PATH"), DebianPath);

    /// <summary>The lookup itself, with its inputs given (so the missing-binary message is testable on a machine that has it).</summary>
    public static string Locate(string? configured, string? path, string fallback)
    {
        if (configured is { Length: > 0 })
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{Variable}={configured} does not exist: point it at a prometheus 2.x binary or unset it.");
        }

        var candidates = (path ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "prometheus"))
            .Append(fallback);
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "The prometheus binary is not installed, and these tests run against a real Prometheus (they fail rather than skip). "
                + "tests/run-all.sh installs it; by hand: `sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus` "
                + $"(Debian/Ubuntu), or set {Variable} to a prometheus 2.x binary.");
    }
}
