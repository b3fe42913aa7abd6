using System.CommandLine;
using System.CommandLine.Help;

namespace CanaryFlow.Cli.CommandLine;

/// <summary>
/// kubectl-canaryflow's command line: kubectl's global flags on every command, the verbs, and parse errors as one
/// line (with where to find help) instead of the error followed by the whole help text.
/// </summary>
public static class PluginCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var global = new GlobalOptions();
        var root = new RootCommand("kubectl canaryflow: see and steer CanaryFlow Rollouts (canaryflow.io)");
        foreach (var option in global.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(GetCommand.Create(global));
        root.Subcommands.Add(ListCommand.Create(global));
        root.Subcommands.Add(StatusCommand.Create(global));
        foreach (var verb in VerbCommands.Create(global))
        {
            root.Subcommands.Add(verb);
        }

        root.Subcommands.Add(LintCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create(global));
        root.Subcommands.Add(VersionCommand.Create(global));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            var command = string.Join(' ', parse.CommandResult.Command.Name == root.Name ? [] : Path(parse.CommandResult));
            // A mistyped word also leaves its command "not provided"; the unrecognised word is what the person needs to see.
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            await Console.Error.WriteLineAsync($"error: {error.Message} (see 'kubectl canaryflow {command}{(command.Length > 0 ? " " : "")}--help')").ConfigureAwait(false);
            return CommandRun.Failure;
        }

        return await parse.InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var current = result; current?.Parent is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(current.Command.Name);
        }

        return names;
    }
}
