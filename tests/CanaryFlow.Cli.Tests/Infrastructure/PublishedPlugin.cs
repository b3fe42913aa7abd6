using System.Diagnostics;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Cli.Tests.Infrastructure;

/// <summary>
/// The plugin as users get it: published once per test run with <c>dotnet publish</c> (NativeAOT, the shipped
/// configuration) into a directory that is then put first on this process's PATH, so every kubectl the tests run
/// finds <c>kubectl-canaryflow</c> by kubectl's own plugin discovery.
/// </summary>
public sealed class PublishedPlugin
{
    private static readonly Lazy<Task<string>> _published = new(PublishAsync);

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "kubectl-plugin");

    public static string Executable => Path.Combine(Directory, "kubectl-canaryflow");

    /// <summary>Publishes (once) and puts the plugin on PATH.</summary>
    public static Task<string> EnsureAsync() => _published.Value;

    private static async Task<string> PublishAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["publish", RepositoryRoot.File("src", "CanaryFlow.Cli", "CanaryFlow.Cli.csproj"), "-c", "Release", "-o", Directory, "--nologo", "-v", "quiet"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 || !File.Exists(Executable))
        {
            throw new InvalidOperationException($"dotnet publish of the plugin failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(Path.PathSeparator).Contains(Directory))
        {
            Environment.SetEnvironmentVariable("PATH", Directory + Path.PathSeparator + path);
        }

        return Executable;
    }
}
