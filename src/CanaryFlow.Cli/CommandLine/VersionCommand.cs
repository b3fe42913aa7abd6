using System.CommandLine;
using System.Text.Json.Nodes;
using CanaryFlow.Cli.Cluster;
using CanaryFlow.Cli.Output;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Cli.CommandLine;

/// <summary><c>version</c>: the plugin's version and the API it speaks; offline, as kubectl version --client.</summary>
internal static class VersionCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("version", "Print the plugin's version");
        CommandRun.SetAction(command, async (parse, cancellationToken) =>
        {
            var format = global.Format(parse);
            if (format == OutputFormat.Human)
            {
                await Console.Out.WriteLineAsync($"kubectl-canaryflow {PluginVersion.Text} ({RolloutApi.ApiVersion}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription})").ConfigureAwait(false);
                return 0;
            }

            var json = new JsonObject { ["pluginVersion"] = PluginVersion.Text, ["apiVersion"] = RolloutApi.ApiVersion };
            await ObjectPrinter.WriteAsync(Console.Out, json, format, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
