using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using static CanaryFlow.Core.Tests.Rollouts.RolloutSpecs;

namespace CanaryFlow.Core.Tests.Rollouts;

/// <summary>
/// Rollouts with a traffic router (semantics §7), tick by tick. <see cref="RolloutWorld"/> checks on every action that no
/// weight goes to a canary without an available pod and that the canary Service is re-pointed only at weight 0, and on
/// every tick that a restarted controller would decide the same.
/// </summary>
public sealed class RolloutTrafficRoutingTests
{
    private static readonly TrafficRouting _gateway = new() { GatewayApi = new GatewayApiRouting { HttpRoute = "api" } };
    private static readonly TrafficRouting _nginx = new() { Nginx = new NginxRouting { StableIngress = "api" } };

    [Fact]
    public void Steps_20_50_100_move_the_weight_in_order_and_end_at_100_percent_on_the_new_stable()
    {
        var world = HealthyWorld(Spec(5, [Weight(20), Pause("10s"), Weight(50), Pause("10s"), Weight(100)], c => c with { TrafficRouting = _gateway }));
        world.SetImage("api:2");
        world.Tick();
        var recorded = new List<int>();
        for (var i = 0; i < 10 && world.Phase != "Healthy"; i++)
        {
            world.RunUntilQuiet();
            recorded.Add(world.Status!.Canary!.Weights!.Canary!.Value);
            if (world.Phase == "Paused")
            {
                Assert.Equal(world.RouterWeight, world.Status.Canary.Weights.Canary);
                Assert.Equal(100 - world.RouterWeight, world.Status.Canary.Weights.Stable);
                world.AdvanceToRequeue();
            }
        }

        Assert.Equal("Healthy", world.Phase);
        Assert.Equal([20, 50, 100, 0], world.RouterWrites);
        Assert.Equal([20, 50, 0], recorded);
        Assert.Equal(world.Status!.CurrentPodHash, world.Status.StableRs);
        Assert.Equal(world.Status.StableRs, world.StableServiceHash);
        Assert.Equal(0, world.RouterWeight);
        Assert.Equal(100, world.Status.Canary!.Weights!.Stable);
        Assert.Equal(
            ["Traffic weight set to 20% canary, 80% stable", "Traffic weight set to 50% canary, 50% stable", "Traffic weight set to 100% canary, 0% stable"],
            world.Events.Where(e => e.Reason == "TrafficWeightUpdated").Select(e => e.Message));
        AssertQuiet(world);
    }

    [Fact]
    public void A_weight_step_completes_only_once_the_router_shows_the_weight()
    {
        var world = HealthyWorld(Spec(2, [Weight(50), Pause()], c => c with { TrafficRouting = _gateway }));
        world.SetImage("api:2");
        RolloutDecision? writing = null;
        for (var i = 0; i < 10 && writing is null; i++)
        {
            var decision = world.Tick();
            world.PodsSettle();
            writing = decision.Actions.Any(a => a is SetTrafficWeight { CanaryWeight: 50 }) ? decision : null;
        }

        Assert.NotNull(writing);
        Assert.DoesNotContain(writing.Events, e => e.Reason == "RolloutStepCompleted");
        Assert.Equal(0, writing.Status.CurrentStepIndex);

        var verifying = world.Tick();
        Assert.Empty(verifying.Actions.OfType<SetTrafficWeight>());
        Assert.Contains(verifying.Events, e => e.Reason == "RolloutStepCompleted");
    }

    [Fact]
    public void A_canary_without_available_pods_gets_no_traffic_and_one_short_of_its_pods_keeps_the_weight_it_had()
    {
        var world = HealthyWorld(Spec(10, [Weight(20), Pause(), Weight(50), Pause()], c => c with { TrafficRouting = _gateway }));
        world.BadImages.Add("api:2");
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal("Progressing", world.Phase);
        Assert.Empty(world.RouterWrites);
        Assert.Equal(2, world.Canary!.Replicas);

        world.BadImages.Clear();
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(20, world.RouterWeight);

        // Step 3 needs 5 canary pods; with 4 of them available the router stays at 20%.
        world.AvailableLimit[world.Canary!.Hash] = 4;
        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();
        Assert.Equal(5, world.Canary!.Replicas);
        Assert.Equal(20, world.RouterWeight);
        Assert.Equal(2, world.Status!.CurrentStepIndex);

        world.AvailableLimit.Clear();
        world.RunUntilQuiet();
        Assert.Equal(50, world.RouterWeight);
        Assert.Equal([20, 50], world.RouterWrites);
    }

    [Fact]
    public void A_canary_whose_pods_all_fail_loses_its_traffic_and_gets_it_back_when_they_recover()
    {
        var world = HealthyWorld(Spec(4, [Weight(25), Pause()], c => c with { TrafficRouting = _gateway }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal(25, world.RouterWeight);

        world.BadImages.Add("api:2");
        world.PodsSettle();
        var failing = world.Tick();
        Assert.Equal([new SetTrafficWeight(0)], failing.Actions);
        Assert.Contains(failing.Events, e => e.Reason == "TrafficWeightUpdated");

        world.BadImages.Clear();
        world.PodsSettle();
        world.RunUntilQuiet();
        Assert.Equal(25, world.RouterWeight);
        Assert.Equal("Paused", world.Phase);
        AssertQuiet(world);
    }

    [Fact]
    public void The_weight_goes_to_0_before_the_canary_Service_is_pointed_at_a_superseding_canary()
    {
        var world = HealthyWorld(Spec(4, [Weight(50), Pause()], c => c with { TrafficRouting = _gateway }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal(50, world.RouterWeight);
        world.Actions.Clear();

        world.SetImage("api:3");
        world.RunUntilQuiet();

        var zero = world.Actions.FindIndex(a => a is SetTrafficWeight { CanaryWeight: 0 });
        var repoint = world.Actions.FindIndex(a => a is SelectReplicaSet { Service: "api-canary" } s && s.Hash == world.Status!.CurrentPodHash);
        Assert.InRange(zero, 0, repoint - 1);
        Assert.Equal(50, world.RouterWeight);
        Assert.Equal(world.Status!.CurrentPodHash, world.CanaryServiceHash);
    }

    [Fact]
    public void Abort_takes_the_weight_to_0_and_removes_the_canary_Ingress_at_once_while_the_canary_keeps_its_pods()
    {
        var world = HealthyWorld(Spec(4, [Weight(50), Pause()], c => c with { TrafficRouting = _nginx, AbortScaleDownDelaySeconds = 30 }));
        var stable = world.Status!.StableRs;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.True(world.ManagedRoutes);
        Assert.Equal(50, world.RouterWeight);

        world.PatchStatus(s => s with { Abort = true });
        var abort = world.Tick();

        Assert.Equal(new SetTrafficWeight(0), abort.Actions[0]);
        Assert.Equal(abort.Actions.Count - 1, abort.Actions.ToList().IndexOf(new RemoveManagedRoutes()));
        Assert.False(world.ManagedRoutes);
        Assert.Equal(2, world.Canary!.Replicas);
        Assert.Equal(0, world.Status!.Canary!.Weights!.Canary);
        Assert.Equal(stable, world.CanaryServiceHash);

        world.AdvanceToRequeue();
        world.RunUntilQuiet();
        Assert.Equal("Degraded", world.Phase);
        Assert.Equal(0, world.ReplicaSet(world.Status!.CurrentPodHash)!.Replicas);
        AssertQuiet(world);
    }

    [Fact]
    public void Promotion_gives_the_new_stable_100_percent_then_removes_the_canary_Ingress()
    {
        var world = HealthyWorld(Spec(4, [Weight(50), Pause()], c => c with { TrafficRouting = _nginx }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var canary = world.Status!.CurrentPodHash!;

        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();

        Assert.Equal("Healthy", world.Phase);
        Assert.Equal([50, 100, 0], world.RouterWrites);
        var completing = world.LastDecisionWith("RolloutCompleted");
        var repoint = completing.Actions.ToList().IndexOf(new SelectReplicaSet("api-stable", canary));
        var back = completing.Actions.ToList().IndexOf(new SetTrafficWeight(0));
        var remove = completing.Actions.ToList().IndexOf(new RemoveManagedRoutes());
        Assert.True(repoint >= 0 && repoint < back && back < remove, string.Join(", ", completing.Actions));
        Assert.False(world.ManagedRoutes);
        Assert.Equal(canary, world.StableServiceHash);
        AssertQuiet(world);
    }

    [Theory]
    [InlineData(70)]
    [InlineData(null)]
    public void A_hand_edited_weight_is_set_back_on_the_next_reconcile(int? edited)
    {
        var world = HealthyWorld(Spec(4, [Weight(20), Pause()], c => c with { TrafficRouting = _gateway }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.Events.Clear();

        world.EditRouterByHand(edited);
        var correcting = world.Tick();

        Assert.Equal([new SetTrafficWeight(20)], correcting.Actions);
        var corrected = Assert.Single(correcting.Events);
        Assert.Equal("TrafficWeightCorrected", corrected.Reason);
        Assert.Contains(edited is null ? "weights the controller did not set" : "70% to the canary", corrected.Message, StringComparison.Ordinal);
        Assert.Equal(20, world.RouterWeight);
        Assert.Equal("Paused", world.Phase);
        AssertQuiet(world);
    }

    [Fact]
    public void A_hand_edit_while_a_person_pauses_the_rollout_is_set_back_too()
    {
        var world = HealthyWorld(Spec(4, [Weight(20), Pause("1m"), Weight(60)], c => c with { TrafficRouting = _gateway }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.ChangeSpec(s => s with { Paused = true });
        world.RunUntilQuiet();

        world.EditRouterByHand(90);
        world.Now += TimeSpan.FromMinutes(5);
        world.RunUntilQuiet();

        Assert.Equal(20, world.RouterWeight);
        Assert.Equal(1, world.Status!.CurrentStepIndex);
        Assert.Single(world.EventReasons, r => r == "TrafficWeightCorrected");
    }

    [Fact]
    public void A_deleted_canary_Ingress_is_made_again_and_a_healthy_route_edited_by_hand_goes_back_to_0()
    {
        var world = HealthyWorld(Spec(4, [Weight(20), Pause()], c => c with { TrafficRouting = _nginx }));
        world.SetImage("api:2");
        world.RunUntilQuiet();

        world.DeleteManagedRoutesByHand();
        Assert.Equal([new SetTrafficWeight(20)], world.Tick().Actions);
        Assert.True(world.ManagedRoutes);

        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.False(world.ManagedRoutes);

        // A canary Ingress someone made with the managed name while no canary is in flight goes again.
        world.EditRouterByHand(30);
        var healthy = world.Tick();
        Assert.Equal([new SetTrafficWeight(0), new RemoveManagedRoutes()], healthy.Actions);
        AssertQuiet(world);
    }

    [Fact]
    public void A_stale_canary_Ingress_is_written_again_at_the_same_weight_without_a_correction_Event()
    {
        var world = HealthyWorld(Spec(4, [Weight(20), Pause()], c => c with { TrafficRouting = _nginx }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.Events.Clear();

        world.RouterStale = true;
        var following = world.Tick();

        Assert.Equal([new SetTrafficWeight(20)], following.Actions);
        Assert.Empty(following.Events);
        AssertQuiet(world);
    }

    [Fact]
    public void An_unweighted_route_gets_0_percent_canary_when_the_Rollout_first_sees_it()
    {
        var world = new RolloutWorld(Spec(2, [Weight(50)], c => c with { TrafficRouting = _gateway }));
        world.EditRouterByHand(null);
        world.RunUntilQuiet();

        Assert.Equal("Healthy", world.Phase);
        Assert.Equal([0], world.RouterWrites);
        Assert.Single(world.EventReasons, r => r == "TrafficWeightCorrected");
        Assert.Contains(world.Status!.Conditions!, c => c.Type == RolloutConditions.TrafficRoutingReady && c.Status == "True" && c.Reason == TrafficRoutingReasons.Ready);
        AssertQuiet(world);
    }

    [Fact]
    public void A_missing_route_holds_the_rollout_with_a_condition_and_one_Event_and_it_resumes_when_the_route_appears()
    {
        var world = HealthyWorld(Spec(4, [Weight(20), Pause(), Weight(60), Pause("10s")], c => c with { TrafficRouting = _gateway }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var before = world.ReplicaSets.Select(r => (r.Name, r.Replicas)).ToList();
        world.Events.Clear();

        world.RouterProblem = new TrafficRouterProblem(TrafficRoutingReasons.RouteNotFound, "HTTPRoute prod/api not found");
        world.PatchStatus(s => s with { PauseConditions = null });
        world.Now += TimeSpan.FromMinutes(30);
        for (var i = 0; i < 3; i++)
        {
            Assert.Empty(world.Tick().Actions);
            world.PodsSettle();
            world.Now += TimeSpan.FromSeconds(10);
        }

        var held = world.Status!;
        Assert.Equal(["TrafficRoutingNotReady"], world.EventReasons);
        Assert.Equal("HTTPRoute prod/api not found", world.Events[0].Message);
        Assert.Equal(RolloutEvent.Warning, world.Events[0].Type);
        Assert.Contains(held.Conditions!, c => c.Type == RolloutConditions.TrafficRoutingReady && c.Status == "False" && c.Reason == TrafficRoutingReasons.RouteNotFound && c.Message == "HTTPRoute prod/api not found");
        Assert.Contains(held.Conditions!, c => c.Type == RolloutConditions.Ready && c.Status == "False" && c.Reason == RolloutConditions.TrafficRoutingNotReadyReason);
        Assert.Contains(held.Conditions!, c => c.Type == RolloutConditions.Stalled && c.Status == "True");
        Assert.Contains("HTTPRoute prod/api not found", held.Message, StringComparison.Ordinal);
        Assert.Equal(1, held.CurrentStepIndex);
        Assert.Equal(before, world.ReplicaSets.Select(r => (r.Name, r.Replicas)).ToList());

        world.RouterProblem = null;
        world.RunUntilQuiet();
        Assert.Equal(["TrafficRoutingNotReady", "TrafficRoutingReady"], world.EventReasons.Where(r => r.StartsWith("TrafficRouting", StringComparison.Ordinal)));
        Assert.Equal(60, world.RouterWeight);
        Assert.Equal("Paused", world.Phase);
        Assert.DoesNotContain(world.EventReasons, r => r == "ProgressDeadlineExceeded");
        Assert.Contains(world.Status!.Conditions!, c => c.Type == RolloutConditions.TrafficRoutingReady && c.Status == "True");
        world.AdvanceToRequeue();
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        AssertQuiet(world);
    }

    [Fact]
    public void A_new_Rollout_whose_route_does_not_exist_yet_creates_nothing_until_it_does()
    {
        var world = new RolloutWorld(Spec(3, [Weight(50)], c => c with { TrafficRouting = _nginx }))
        {
            RouterProblem = new TrafficRouterProblem(TrafficRoutingReasons.RouteNotFound, "Ingress prod/api not found"),
        };
        world.Tick();
        world.Tick();

        Assert.Empty(world.Actions);
        Assert.Empty(world.ReplicaSets);
        Assert.Equal("Progressing", world.Phase);
        Assert.Equal(["TrafficRoutingNotReady"], world.EventReasons);

        world.RouterProblem = null;
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Equal(3, world.Stable!.Available);
        Assert.False(world.ManagedRoutes);
    }

    [Fact]
    public void A_missing_canary_Service_takes_the_traffic_off_the_canary_and_a_new_problem_is_reported_once_more()
    {
        var world = HealthyWorld(Spec(4, [Weight(25), Pause()], c => c with { TrafficRouting = _gateway }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.Events.Clear();

        world.CanaryServiceExists = false;
        var held = world.Tick();
        Assert.Equal([new SetTrafficWeight(0)], held.Actions);
        Assert.Contains(world.Status!.Conditions!, c => c.Type == RolloutConditions.TrafficRoutingReady && c.Reason == TrafficRoutingReasons.ServiceNotFound && c.Message == "Service prod/api-canary not found");
        Assert.Equal(0, world.Status.Canary!.Weights!.Canary);
        Assert.Empty(world.Tick().Actions);

        world.RouterProblem = new TrafficRouterProblem(TrafficRoutingReasons.RouteNotFound, "HTTPRoute prod/api not found");
        world.Tick();
        Assert.Equal(["TrafficRoutingNotReady", "TrafficRoutingNotReady"], world.EventReasons);

        world.RouterProblem = null;
        world.CanaryServiceExists = true;
        world.RunUntilQuiet();
        Assert.Equal(25, world.RouterWeight);
        Assert.Equal("Paused", world.Phase);
        AssertQuiet(world);
    }

    [Fact]
    public void Decisions_that_fail_half_way_still_route_in_order_and_record_each_Event_once()
    {
        var world = HealthyWorld(Spec(4, [Weight(25), Weight(50), Pause()], c => c with { TrafficRouting = _nginx }));
        world.SetImage("api:2");
        for (var i = 0; i < 30 && (i == 0 || world.Phase != "Paused"); i++)
        {
            // Every decision fails after its first action once, then succeeds.
            world.TickFailingAfter(1);
            world.PodsSettle();
            world.Tick();
            world.PodsSettle();
            world.Now += TimeSpan.FromSeconds(1);
        }

        Assert.Equal("Paused", world.Phase);
        Assert.Equal([25, 50], world.RouterWrites.Distinct());
        Assert.Equal(50, world.RouterWeight);
        Assert.Equal(
            ["RolloutUpdated", "TrafficWeightUpdated", "RolloutStepCompleted", "TrafficWeightUpdated", "RolloutStepCompleted", "RolloutPaused"],
            world.EventReasons);
        AssertQuiet(world);
    }

    /// <summary>An idle reconcile (a resync) writes nothing: no router write, no status change, no Event.</summary>
    private static void AssertQuiet(RolloutWorld world)
    {
        var status = RolloutWorld.Serialize(world.Status);
        world.Now += TimeSpan.FromSeconds(1);
        var decision = world.Tick();
        Assert.Empty(decision.Actions);
        Assert.Empty(decision.Events);
        Assert.Equal(status, RolloutWorld.Serialize(decision.Status));
    }
}
