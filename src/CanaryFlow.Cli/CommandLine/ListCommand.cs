using System.CommandLine;
using System.Text.Json;
using CanaryFlow.Cli.Cluster;
using CanaryFlow.Cli.Output;
using CanaryFlow.Cli.Rendering;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Cli.CommandLine;

/// <summary><c>list rollouts [-A]</c>: one line per Rollout, as kubectl's table.</summary>
internal static class ListCommand
{
    public static Command Create(GlobalOptions global)
    {
        var rollouts = new Command("rollouts", "List Rollouts with their phase, step and weight");
        rollouts.Aliases.Add("rollout");
        rollouts.Aliases.Add("ro");
        rollouts.Aliases.Add("cfro");
        CommandRun.SetAction(rollouts, async (parse, cancellationToken) =>
        {
            var target = global.Target(parse);
            var format = global.Format(parse);
            using var session = ClusterSession.Open(target);
            string? ns = target.AllNamespaces ? null : session.Namespace;
            var list = await session.Rollouts.ListAllAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            var items = list.Items.OrderBy(r => r.Metadata.Namespace, StringComparer.Ordinal).ThenBy(r => r.Metadata.Name, StringComparer.Ordinal).ToList();
            if (format != OutputFormat.Human)
            {
                var json = ObjectPrinter.List(items.Select(r => JsonSerializer.SerializeToNode(r, CoreJsonContext.Default.Rollout)!));
                await ObjectPrinter.WriteAsync(Console.Out, json, format, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            if (items.Count == 0)
            {
                await Console.Error.WriteLineAsync(ns is null ? "No resources found" : $"No resources found in {ns} namespace.").ConfigureAwait(false);
                return 0;
            }

            TerminalConsole.Write(Console.Out, RolloutTable.Render(items, withNamespace: ns is null, DateTimeOffset.UtcNow));
            return 0;
        });
        return new Command("list", "List objects") { rollouts };
    }
}
