using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CanaryFlow.Controller.Tests.Examples;

/// <summary>
/// The Lua health check of examples/argocd, taken from the ConfigMap as Argo CD reads it and run by the real Lua 5.1
/// interpreter (Argo CD's runtime implements Lua 5.1) in a sandbox like Argo CD's: <c>obj</c> and the pure libraries
/// only, no <c>io</c>, <c>os</c> or <c>require</c>.
/// </summary>
internal static class ArgoCdHealthScript
{
    public const string File = "argocd/argocd-cm-rollout-health.yaml";
    public const string Key = "resource.customizations.health.canaryflow.io_Rollout";

    private const string _harness = """
        local script = assert(loadfile(arg[1]))
        local sandbox = {obj = obj, ipairs = ipairs, pairs = pairs, next = next, type = type, tostring = tostring,
          tonumber = tonumber, table = table, string = string, math = math}
        setfenv(script, sandbox)
        local hs = script()
        io.write(tostring(hs.status), "\n", tostring(hs.message))
        """;

    public static string Source() =>
        ExampleFiles.Single(ExampleFiles.Read(File), "ConfigMap")["data"]![Key]!.GetValue<string>();

    /// <summary>The interpreter; the tests fail with how to install it when it is missing (tests/run-all.sh does).</summary>
    public static string Interpreter() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "lua5.1"))
            .FirstOrDefault(System.IO.File.Exists)
        ?? throw new InvalidOperationException("lua5.1 is not on PATH: the Argo CD health check is run by a real Lua 5.1. tests/run-all.sh installs it; by hand: apt-get install -y lua5.1");

    /// <summary>The health Argo CD would show for <paramref name="rollout"/>.</summary>
    public static async Task<(string Status, string Message)> EvaluateAsync(JsonNode rollout)
    {
        var directory = Directory.CreateTempSubdirectory("canaryflow-lua-");
        try
        {
            var script = Path.Combine(directory.FullName, "health.lua");
            await System.IO.File.WriteAllTextAsync(script, Source());
            var harness = Path.Combine(directory.FullName, "run.lua");
            await System.IO.File.WriteAllTextAsync(harness, "obj = " + LuaTableLiteral.From(rollout) + "\n" + _harness);
            var start = new ProcessStartInfo(Interpreter()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(harness);
            start.ArgumentList.Add(script);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"lua5.1 failed ({process.ExitCode}): {await stderr}");
            var lines = (await stdout).Split('\n', 2);
            return (lines[0], lines.Length > 1 ? lines[1] : "");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
