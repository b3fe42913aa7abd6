using System.Globalization;
using CanaryFlow.Cli.Cluster;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Models;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CanaryFlow.Cli.Rendering;

/// <summary>
/// Draws <c>get rollout</c>: the header (where the rollout is and why) above a tree of revisions, each with its
/// ReplicaSet, pods and AnalysisRuns, and each run's metrics with their latest measurement and the condition that
/// judged it.
/// </summary>
internal static class RolloutTreeRenderer
{
    public static IRenderable Render(RolloutTree tree, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var summary = RolloutSummary.Of(tree);
        return new Rows(Header(summary), Text.Empty, Tree(tree, summary, now));
    }

    private static Grid Header(RolloutSummary summary)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        Row(grid, "Name:", summary.Name);
        Row(grid, "Namespace:", summary.Namespace);
        grid.AddRow(new Markup("Phase:"), new Markup($"{PhaseStyle.Icon(summary.Phase)} [{PhaseStyle.Color(summary.Phase)}]{Markup.Escape(summary.Phase)}[/]"
            + (summary.PauseReasons.Count > 0 ? Markup.Escape($" ({string.Join(", ", summary.PauseReasons)})") : "")));
        if (!string.IsNullOrEmpty(summary.Message))
        {
            Row(grid, "Message:", summary.Message);
        }

        if (!string.IsNullOrEmpty(summary.AbortReason))
        {
            Row(grid, "Abort reason:", summary.AbortReason);
        }

        Row(grid, "Strategy:", summary.Strategy);
        Row(grid, "Step:", summary.CurrentStep is null ? summary.Step : $"{summary.Step} ({summary.CurrentStep})");
        Row(grid, "Set weight:", summary.SetWeight.ToString(CultureInfo.InvariantCulture));
        Row(grid, "Actual weight:", summary.ActualWeight.ToString(CultureInfo.InvariantCulture));
        Row(grid, "Images:", summary.CanaryImages is null ? $"{summary.StableImages} (stable)" : $"{summary.StableImages} (stable), {summary.CanaryImages} (canary)");
        Row(grid, "Git revisions:", $"{summary.StableRevision ?? "-"} (stable)" + (summary.UpdateInFlight ? $", {summary.CanaryRevision ?? "-"} (canary)" : ""));
        Row(grid, "Replicas:", summary.Replicas);
        return grid;
    }

    private static void Row(Grid grid, string label, string value) => grid.AddRow(new Text(label), new Text(value));

    private static Tree Tree(RolloutTree tree, RolloutSummary summary, DateTimeOffset now)
    {
        var status = tree.Rollout.Status;
        var root = new Tree(new Markup($"[bold]Rollout[/] {Markup.Escape(summary.Name)}"));
        var revisions = tree.ReplicaSets
            .Select(rs => (ReplicaSet: rs, Hash: RolloutSummary.Hash(rs), Revision: Revision(rs)))
            .OrderByDescending(r => r.Revision)
            .ToList();
        foreach (var (replicaSet, hash, revision) in revisions)
        {
            var roles = Roles(hash, status).ToList();
            var revisionNode = root.AddNode(new Markup($"[bold]revision {revision.ToString(CultureInfo.InvariantCulture)}[/]" + (roles.Count > 0 ? $" ({string.Join(", ", roles)})" : "")));
            var setNode = revisionNode.AddNode(new Text(ReplicaSetLine(replicaSet, now)));
            foreach (var pod in tree.Pods.Where(p => p.Metadata.Labels?.GetValueOrDefault(RolloutApi.PodTemplateHashLabel) == hash).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
            {
                setNode.AddNode(new Text(PodLine(pod, now)));
            }

            foreach (var run in tree.AnalysisRuns.Where(r => r.Metadata.Labels?.GetValueOrDefault(RolloutApi.PodTemplateHashLabel) == hash).OrderBy(r => r.Metadata.CreationTimestamp))
            {
                AddRun(revisionNode, run, now);
            }
        }

        if (revisions.Count == 0)
        {
            root.AddNode(new Text("no ReplicaSets yet"));
        }

        return root;
    }

    private static IEnumerable<string> Roles(string? hash, RolloutStatus? status)
    {
        if (hash is null || status is null)
        {
            yield break;
        }

        if (hash == status.StableRs)
        {
            yield return "stable";
        }

        if (hash == status.CurrentPodHash && hash != status.StableRs)
        {
            yield return status.Abort == true ? "canary, aborted" : "canary";
        }
    }

    private static int Revision(ReplicaSet replicaSet) =>
        int.TryParse(replicaSet.Metadata.Annotations?.GetValueOrDefault(RolloutApi.RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    private static string ReplicaSetLine(ReplicaSet replicaSet, DateTimeOffset now)
    {
        var images = string.Join(", ", (replicaSet.Spec?.Template?.Spec?.Containers ?? []).Select(c => c.Image));
        var s = replicaSet.Status;
        return string.Create(CultureInfo.InvariantCulture, $"ReplicaSet {replicaSet.Metadata.Name}  {replicaSet.Spec?.Replicas ?? 0} desired, {s?.ReadyReplicas ?? 0} ready, {s?.AvailableReplicas ?? 0} available  {images}  {Age.Of(replicaSet.Metadata.CreationTimestamp, now)}");
    }

    private static string PodLine(Pod pod, DateTimeOffset now)
    {
        var ready = pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        var restarts = (pod.Status?.ContainerStatuses ?? []).Sum(c => c.RestartCount ?? 0);
        var state = pod.Metadata.DeletionTimestamp is not null ? "Terminating" : pod.Status?.Phase ?? "Pending";
        return string.Create(CultureInfo.InvariantCulture, $"Pod {pod.Metadata.Name}  {state}  {(ready ? "ready" : "not ready")}  {restarts} restarts  {Age.Of(pod.Metadata.CreationTimestamp, now)}");
    }

    private static void AddRun(TreeNode revisionNode, AnalysisRun run, DateTimeOffset now)
    {
        var phase = run.Status?.Phase ?? "Pending";
        var background = run.Metadata.Labels?.GetValueOrDefault(AnalysisRunFactory.BackgroundLabel) == "true" ? " (background)" : "";
        var runNode = revisionNode.AddNode(new Markup(
            $"AnalysisRun {Markup.Escape(run.Metadata.Name ?? "")}{background}  {PhaseStyle.Icon(phase)} [{PhaseStyle.Color(phase)}]{Markup.Escape(phase)}[/]  {Age.Of(run.Metadata.CreationTimestamp, now)}"));
        foreach (var result in run.Status?.MetricResults ?? [])
        {
            runNode.AddNode(new Text(MetricLine(result)));
        }

        if (run.Status?.MetricResults is null or { Count: 0 })
        {
            foreach (var metric in run.Spec?.Metrics ?? [])
            {
                runNode.AddNode(new Text($"metric {metric.Name}: no measurement yet"));
            }
        }
    }

    private static string MetricLine(MetricResult result)
    {
        var counts = string.Create(CultureInfo.InvariantCulture, $"{result.Successful ?? 0} successful, {result.Failed ?? 0} failed, {result.Inconclusive ?? 0} inconclusive, {result.Error ?? 0} error");
        var line = $"metric {result.Name}: {result.Phase ?? "Running"} ({counts})" + (result.DryRun == true ? " [dry run]" : "");
        if (result.Measurements is not { Count: > 0 } measurements)
        {
            return line + "; no measurement yet";
        }

        var latest = measurements[^1];
        var judged = latest.Phase == "Error"
            ? $"error: {latest.Message}"
            : latest.Condition ?? "no condition";
        return $"{line}; latest {latest.Phase}: value {latest.Value ?? "-"}, {judged}";
    }
}
