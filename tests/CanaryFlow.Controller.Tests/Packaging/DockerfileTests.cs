using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.Packaging;

/// <summary>
/// <c>docker build</c> cannot run on this machine, so the Dockerfile is checked by parts: its shape (stages, user,
/// packages), a restore layer that covers every project the controller needs, and its exact restore and publish
/// commands run on a copy of what its COPY lines copy, producing the file its ENTRYPOINT starts.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string _dockerfile = RepositoryRoot.File("Dockerfile");

    /// <summary>The Dockerfile's instructions, continuation lines joined, comments dropped.</summary>
    private static List<(string Keyword, string Arguments)> Instructions()
    {
        var text = ContinuedLine().Replace(File.ReadAllText(_dockerfile), " ");
        return [.. text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (Keyword: l.Split(' ', 2)[0].ToUpperInvariant(), Arguments: l.Split(' ', 2).ElementAtOrDefault(1)?.Trim() ?? ""))];
    }

    [Fact]
    public void It_builds_with_the_sdk_and_runs_on_the_aspnet_runtime_as_a_non_root_user_with_git_and_kubectl()
    {
        var instructions = Instructions();
        var stages = instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();
        Assert.Equal(3, stages.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[0]);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", stages[2]);

        // The image's kubectl renders kustomize paths; its minor release is the one the tests run kustomize with.
        var kubectlStage = KubectlStage().Match(stages[1]);
        Assert.True(kubectlStage.Success, stages[1]);
        Assert.Equal(KubectlMinorVersion(), kubectlStage.Groups["minor"].Value);

        var runtime = instructions.SkipWhile(i => i.Arguments != stages[2]).ToList();
        Assert.Contains(runtime, i => i.Keyword == "COPY" && i.Arguments == "--from=kubectl /bin/kubectl /usr/local/bin/kubectl");
        Assert.Equal("$APP_UID", runtime.Single(i => i.Keyword == "USER").Arguments);
        var install = runtime.Single(i => i.Keyword == "RUN").Arguments;
        Assert.Contains("apt-get install -y --no-install-recommends git openssh-client ", install + " ", StringComparison.Ordinal);
        Assert.Contains("rm -rf /var/lib/apt/lists/*", install, StringComparison.Ordinal);
        Assert.Equal("--from=build /app ./", runtime.Single(i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build", StringComparison.Ordinal)).Arguments);
        Assert.Equal("""["dotnet", "/app/CanaryFlow.Controller.dll"]""", runtime.Single(i => i.Keyword == "ENTRYPOINT").Arguments);
    }

    /// <summary>major.minor of the kubectl the tests run (kubectl 1.32 on every machine).</summary>
    private static string KubectlMinorVersion()
    {
        using var kubectl = Process.Start(new ProcessStartInfo("kubectl", ["version", "--client", "-o", "json"]) { RedirectStandardOutput = true })!;
        var json = System.Text.Json.Nodes.JsonNode.Parse(kubectl.StandardOutput.ReadToEnd())!;
        kubectl.WaitForExit();
        return $"{json["clientVersion"]!["major"]!.GetValue<string>()}.{json["clientVersion"]!["minor"]!.GetValue<string>().TrimEnd('+')}";
    }

    [GeneratedRegex(@"^registry\.k8s\.io/kubectl:v(?<minor>\d+\.\d+)\.\d+ AS kubectl$")]
    private static partial Regex KubectlStage();

    [Fact]
    public void The_restore_layer_copies_every_project_the_controller_references()
    {
        var instructions = Instructions();
        var beforeRestore = instructions.TakeWhile(i => !(i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal))).ToList();
        var copied = beforeRestore.Where(i => i.Keyword == "COPY").Select(i => i.Arguments.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);

        var needed = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([RepositoryRoot.File("src", "CanaryFlow.Controller", "CanaryFlow.Controller.csproj")]);
        while (pending.TryPop(out var project))
        {
            if (needed.Add(Path.GetRelativePath(RepositoryRoot.Directory, project).Replace('\\', '/')))
            {
                foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
                {
                    pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
                }
            }
        }

        Assert.Subset(copied, needed.ToHashSet(StringComparer.Ordinal));
        Assert.Contains("Directory.Packages.props", string.Join(' ', beforeRestore.Where(i => i.Keyword == "COPY").Select(i => i.Arguments)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_restore_and_publish_commands_produce_the_entrypoint_and_the_published_controller_starts()
    {
        var instructions = Instructions();
        var build = instructions.TakeWhile(i => !(i.Keyword == "FROM" && i.Arguments.EndsWith("AS runtime", StringComparison.Ordinal))).ToList();
        var context = Directory.CreateTempSubdirectory("canaryflow-docker-context-");
        var output = Path.Combine(context.FullName, "app");
        try
        {
            // What the build stage's COPY lines bring in: the solution files and src/, without local build output.
            foreach (var file in new[] { "CanaryFlow.sln", "Directory.Build.props", "Directory.Packages.props" })
            {
                File.Copy(RepositoryRoot.File(file), Path.Combine(context.FullName, file));
            }

            CopySources(RepositoryRoot.File("src"), Path.Combine(context.FullName, "src"));
            foreach (var run in build.Where(i => i.Keyword == "RUN").Select(i => i.Arguments))
            {
                var command = run.Replace(" -o /app", " -o " + output, StringComparison.Ordinal);
                var (code, text) = await ShellAsync(command, context.FullName);
                Assert.True(code == 0, $"`{command}` failed ({code}):\n{text}");
            }

            var entrypoint = Path.Combine(output, "CanaryFlow.Controller.dll");
            Assert.True(File.Exists(entrypoint), $"no {entrypoint} after the publish");
            var (helpCode, help) = await ShellAsync($"dotnet {entrypoint} --help", context.FullName);
            Assert.Equal(0, helpCode);
            Assert.Contains("--leader-elect", help, StringComparison.Ordinal);
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopySources(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private static async Task<(int Code, string Output)> ShellAsync(string command, string directory)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuedLine();
}
