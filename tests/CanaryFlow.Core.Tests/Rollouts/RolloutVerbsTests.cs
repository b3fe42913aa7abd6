using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using static CanaryFlow.Core.Tests.Rollouts.RolloutSpecs;

namespace CanaryFlow.Core.Tests.Rollouts;

public sealed class RolloutVerbsTests
{
    [Fact]
    public void Promote_clears_the_pause_conditions_and_spec_paused()
    {
        var world = HealthyWorld(Spec(2, Weight(50), Pause()));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.ChangeSpec(s => s with { Paused = true });
        world.RunUntilQuiet();

        var result = RolloutVerbs.Promote(world.Rollout());

        Assert.Equal(2, result.Patches.Count);
        Assert.Equal("""{"spec":{"paused":null}}""", result.Patches[0].Body.ToJsonString());
        Assert.Equal(VerbTarget.Status, result.Patches[1].Target);
        Assert.Equal("""{"status":{"pauseConditions":null}}""", result.Patches[1].Body.ToJsonString());
        Apply(world, result);
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Empty(RolloutVerbs.Promote(world.Rollout()).Patches);
    }

    [Fact]
    public void Abort_and_retry_are_idempotent_and_abort_of_a_healthy_rollout_is_a_no_op()
    {
        var world = HealthyWorld(Spec(2, Weight(50), Pause()));
        Assert.Empty(RolloutVerbs.Abort(world.Rollout()).Patches);
        Assert.Empty(RolloutVerbs.Retry(world.Rollout()).Patches);

        world.SetImage("api:2");
        world.RunUntilQuiet();
        var abort = RolloutVerbs.Abort(world.Rollout());
        Assert.Equal("""{"status":{"abort":true}}""", Assert.Single(abort.Patches).Body.ToJsonString());
        Apply(world, abort);
        world.RunUntilQuiet();
        Assert.Equal("Degraded", world.Phase);
        Assert.Empty(RolloutVerbs.Abort(world.Rollout()).Patches);

        var retry = RolloutVerbs.Retry(world.Rollout());
        Assert.Equal("""{"status":{"abort":false}}""", Assert.Single(retry.Patches).Body.ToJsonString());
        Apply(world, retry);
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Empty(RolloutVerbs.Retry(world.Rollout()).Patches);
    }

    [Fact]
    public void Pause_resume_and_restart_write_the_spec()
    {
        var rollout = new RolloutWorld(Spec(2)).Rollout();
        Assert.Equal("""{"spec":{"paused":true}}""", Assert.Single(RolloutVerbs.Pause(rollout).Patches).Body.ToJsonString());
        Assert.Empty(RolloutVerbs.Resume(rollout).Patches);
        var paused = rollout with { Spec = rollout.Spec! with { Paused = true } };
        Assert.Empty(RolloutVerbs.Pause(paused).Patches);
        Assert.Equal("""{"spec":{"paused":null}}""", Assert.Single(RolloutVerbs.Resume(paused).Patches).Body.ToJsonString());
        var restart = RolloutVerbs.Restart(rollout, new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        Assert.Equal("""{"spec":{"restartAt":"2026-03-04T05:06:07Z"}}""", Assert.Single(restart.Patches).Body.ToJsonString());
    }

    [Fact]
    public void Undo_writes_the_previous_revision_template_and_the_controller_rolls_back_fast()
    {
        var world = HealthyWorld(Spec(2, Weight(50), Pause()));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var observed = world.Observe();

        var undo = RolloutVerbs.Undo(observed.Rollout, observed.ReplicaSets);

        var patch = Assert.Single(undo.Patches);
        Assert.True(patch.IsJsonPatch);
        var operations = patch.Body.AsArray();
        Assert.Equal("test", operations[0]!["op"]!.GetValue<string>());
        Assert.Equal("/spec/template", operations[1]!["path"]!.GetValue<string>());
        var template = operations[1]!["value"]!.AsObject();
        Assert.Equal("api:1", template["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Null(template["metadata"]!["labels"]![RolloutApi.PodTemplateHashLabel]);

        world.ChangeSpec(s => s with { Template = System.Text.Json.JsonSerializer.SerializeToElement(template) });
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Contains("RolloutRolledBack", world.EventReasons);
    }

    [Fact]
    public void Undo_to_stable_writes_the_annotated_template_so_a_defaulted_replica_set_still_rolls_back_fast()
    {
        var world = HealthyWorld(Spec(2, Weight(50), Pause()));
        var stableHash = world.Status!.StableRs;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var observed = world.Observe();

        var undo = RolloutVerbs.Undo(observed.Rollout, [.. observed.ReplicaSets.Select(rs => AsStored(rs, annotated: true))]);

        Assert.Empty(undo.Warnings);
        var template = Assert.Single(undo.Patches).Body[1]!["value"]!.AsObject();
        Assert.Null(template["spec"]!["containers"]![0]!["imagePullPolicy"]);
        Assert.Equal(stableHash, RolloutPlan.HashOf(template));
        world.Events.Clear();
        world.Actions.Clear();
        world.ChangeSpec(s => s with { Template = System.Text.Json.JsonSerializer.SerializeToElement(template) });
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Equal(stableHash, world.Status!.CurrentPodHash);
        Assert.Contains("RolloutRolledBack", world.EventReasons);
        Assert.DoesNotContain("RolloutStepCompleted", world.EventReasons);
        Assert.DoesNotContain(world.Actions, a => a is CreateReplicaSet);
    }

    [Fact]
    public void Undo_to_a_replica_set_without_the_annotation_writes_its_own_template_and_warns_that_it_runs_the_steps()
    {
        var world = HealthyWorld(Spec(2, Weight(50), Pause()));
        var stableHash = world.Status!.StableRs;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var observed = world.Observe();

        var undo = RolloutVerbs.Undo(observed.Rollout, [.. observed.ReplicaSets.Select(rs => AsStored(rs, annotated: false))]);

        var warning = Assert.Single(undo.Warnings);
        Assert.StartsWith($"ReplicaSet {world.Stable!.Name}: it has no {RolloutTemplateAnnotation.Key} annotation", warning, StringComparison.Ordinal);
        Assert.EndsWith("it goes through the canary steps rather than a fast rollback", warning, StringComparison.Ordinal);
        var template = Assert.Single(undo.Patches).Body[1]!["value"]!.AsObject();
        Assert.Equal("IfNotPresent", template["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
        Assert.Null(template["metadata"]!["labels"]![RolloutApi.PodTemplateHashLabel]);
        world.ChangeSpec(s => s with { Template = System.Text.Json.JsonSerializer.SerializeToElement(template) });
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.NotEqual(stableHash, world.Status!.CurrentPodHash);
    }

    /// <summary>
    /// A ReplicaSet as the API server stores it: its pod template defaulted (and labelled with the hash, as the controller
    /// creates it), with or without the controller's copy of the Rollout's template.
    /// </summary>
    private static ObservedReplicaSet AsStored(ObservedReplicaSet rs, bool annotated)
    {
        var written = rs.Template!;
        var stored = (JsonObject)written.DeepClone();
        stored["metadata"]!["labels"]![RolloutApi.PodTemplateHashLabel] = rs.Hash;
        var spec = stored["spec"]!.AsObject();
        spec["restartPolicy"] = "Always";
        spec["dnsPolicy"] = "ClusterFirst";
        spec["terminationGracePeriodSeconds"] = 30;
        foreach (var container in spec["containers"]!.AsArray())
        {
            container!["imagePullPolicy"] = "IfNotPresent";
            container["terminationMessagePath"] = "/dev/termination-log";
            container["terminationMessagePolicy"] = "File";
        }

        return rs with { Template = stored, TemplateAnnotation = annotated ? RolloutTemplateAnnotation.Encode(written) : null };
    }

    [Fact]
    public void Undo_to_a_revision_that_does_not_exist_names_the_known_ones()
    {
        var world = HealthyWorld(Spec(1));
        var observed = world.Observe();
        var error = Assert.Throws<ArgumentException>(() => RolloutVerbs.Undo(observed.Rollout, observed.ReplicaSets, toRevision: 7));
        Assert.Contains("no revision 7 (known: 1)", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RolloutVerbs.Undo(observed.Rollout, observed.ReplicaSets));
    }

    /// <summary>Applies merge patches the way the API server would, to the world's spec or status.</summary>
    private static void Apply(RolloutWorld world, VerbResult result)
    {
        foreach (var patch in result.Patches)
        {
            var body = patch.Body.AsObject();
            if (patch.Target == VerbTarget.Status)
            {
                var status = body["status"]!.AsObject();
                world.PatchStatus(s => s with
                {
                    Abort = status.ContainsKey("abort") ? status["abort"]!.GetValue<bool>() : s.Abort,
                    PauseConditions = status.ContainsKey("pauseConditions") ? null : s.PauseConditions,
                    PromoteFull = status.ContainsKey("promoteFull") ? status["promoteFull"]!.GetValue<bool>() : s.PromoteFull,
                });
            }
            else
            {
                var spec = body["spec"]!.AsObject();
                world.ChangeSpec(s => s with { Paused = spec.ContainsKey("paused") ? spec["paused"]?.GetValue<bool>() : s.Paused });
            }
        }
    }
}
