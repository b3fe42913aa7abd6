using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Cli.Cluster;
using CanaryFlow.Cli.Output;
using CanaryFlow.Cli.Rendering;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Cli.CommandLine;

/// <summary><c>get rollout NAME [--watch]</c>: where a rollout is and why, as a header and a tree.</summary>
internal static class GetCommand
{
    public static Command Create(GlobalOptions global)
    {
        var name = new Argument<string>("NAME") { Description = "The Rollout" };
        var watch = new Option<bool>("--watch", "-w") { Description = "Redraw whenever the Rollout, its ReplicaSets, pods or AnalysisRuns change" };
        var rollout = new Command("rollout", "Show a Rollout: phase, step, weights, images, Git revisions, and its revisions, ReplicaSets, pods and AnalysisRuns") { name, watch };
        rollout.Aliases.Add("rollouts");
        rollout.Aliases.Add("ro");
        rollout.Aliases.Add("cfro");
        CommandRun.SetAction(rollout, async (parse, cancellationToken) =>
        {
            var format = global.Format(parse);
            using var session = ClusterSession.Open(global.Target(parse));
            var ns = session.Namespace;
            var rolloutName = parse.GetValue(name)!;
            if (format != OutputFormat.Human)
            {
                var tree = await RolloutTreeReader.ReadAsync(session, ns, rolloutName, cancellationToken).ConfigureAwait(false);
                await ObjectPrinter.WriteAsync(Console.Out, Objects(tree), format, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            if (!parse.GetValue(watch))
            {
                var tree = await RolloutTreeReader.ReadAsync(session, ns, rolloutName, cancellationToken).ConfigureAwait(false);
                TerminalConsole.Write(Console.Out, RolloutTreeRenderer.Render(tree, DateTimeOffset.UtcNow));
                return 0;
            }

            await RolloutWatchView.RunAsync(session, ns, rolloutName, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return new Command("get", "Show one object in detail") { rollout };
    }

    /// <summary>-o json|yaml: the Rollout and everything it owns as a v1 List, the objects as the server has them.</summary>
    private static JsonObject Objects(RolloutTree tree) => ObjectPrinter.List(
        [
            JsonSerializer.SerializeToNode(tree.Rollout, CoreJsonContext.Default.Rollout)!,
            .. tree.ReplicaSets.Select(rs => KubernetesSerializer.SerializeToNode(rs)),
            .. tree.Pods.Select(p => KubernetesSerializer.SerializeToNode(p)),
            .. tree.AnalysisRuns.Select(r => JsonSerializer.SerializeToNode(r, CoreJsonContext.Default.AnalysisRun)!),
        ]);
}
