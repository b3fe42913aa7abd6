using System.CommandLine;
using CanaryFlow.Cli.Lint;

namespace CanaryFlow.Cli.CommandLine;

/// <summary><c>lint -f FILE</c>: validates manifests offline with the controller's own validation; exit 1 on any problem.</summary>
internal static class LintCommand
{
    public static Command Create()
    {
        var files = FileOption.Create("The manifests to check (YAML or JSON; - for stdin)");
        var command = new Command("lint", "Check Rollouts and AnalysisTemplates offline with the controller's own validation") { files };
        CommandRun.SetAction(command, async (parse, cancellationToken) =>
        {
            var problems = 0;
            var checkedObjects = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                foreach (var document in await ManifestReader.ReadAsync(file, cancellationToken).ConfigureAwait(false))
                {
                    var found = ManifestLinter.Lint(document);
                    checkedObjects++;
                    foreach (var problem in found)
                    {
                        await Console.Out.WriteLineAsync($"{document.Label}: {problem.Field}: {problem.Message}").ConfigureAwait(false);
                    }

                    problems += found.Count;
                }
            }

            if (problems > 0)
            {
                await Console.Error.WriteLineAsync($"error: {problems} problem{(problems == 1 ? "" : "s")} found").ConfigureAwait(false);
                return CommandRun.Failure;
            }

            await Console.Out.WriteLineAsync($"{checkedObjects} object{(checkedObjects == 1 ? "" : "s")} checked, no problems").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
