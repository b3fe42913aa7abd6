using CanaryFlow.Core.Api;
using CanaryFlow.Core.Git;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Models;
using static CanaryFlow.Core.Tests.Rollouts.RolloutSpecs;

namespace CanaryFlow.Core.Tests.Rollouts;

/// <summary>The config-repo work the decision asks for (semantics §6), tick by tick with a simulated Git side.</summary>
public sealed class RolloutGitTests
{
    private static readonly TrafficRouting _gateway = new() { GatewayApi = new GatewayApiRouting { HttpRoute = "api" } };

    private static RolloutSpec GitSpec(string revert = "commit") =>
        Spec(2, [Weight(50), AnalysisStep("success-rate"), Weight(100)], c => c with { TrafficRouting = _gateway }) with
        {
            Git = new GitSpec { RepoUrl = "https://git.example/config.git", Branch = "main", Path = "apps/api/overlays/production", Revert = revert },
        };

    [Fact]
    public void The_stable_revision_is_looked_up_once_for_the_stable_template()
    {
        var world = new RolloutWorld(GitSpec()) { Annotations = new() { [GitRevisionHint.Annotation] = " ABC1234 " } };
        world.RunUntilQuiet();

        var stable = world.Status!.StableRs!;
        var lookup = Assert.IsType<ResolveGitRevision>(Assert.Single(world.GitWork));
        Assert.Equal(new ResolveGitRevision(GitRevisionRole.Stable, stable, "abc1234"), lookup);
        Assert.Equal("commit-" + stable, world.Status.Git!.StableRevision);
        Assert.Equal(stable, world.Status.Git.StableHash);

        world.Tick();
        Assert.Single(world.GitWork);
    }

    [Fact]
    public void A_config_repo_that_does_not_answer_is_asked_again_on_the_next_reconcile()
    {
        var world = new RolloutWorld(GitSpec()) { GitAnswers = false };
        world.Tick();
        world.Tick();
        world.Tick();

        Assert.Equal(3, world.GitWork.OfType<ResolveGitRevision>().Count(r => r.Role == GitRevisionRole.Stable));
        Assert.Null(world.Status!.Git?.StableRevision);
    }

    [Fact]
    public void A_canary_gets_its_revision_and_a_promotion_makes_the_stable_revision_stale()
    {
        var world = HealthyWorld(GitSpec());
        world.GitWork.Clear();
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var canary = world.Status!.CurrentPodHash!;

        // The hint names what was applied, which is the canary's template, never the stable one's.
        world.Annotations = new() { [GitRevisionHint.Annotation] = "def4567" };
        Assert.Equal([new ResolveGitRevision(GitRevisionRole.Canary, canary, null)], world.GitWork);
        Assert.Equal("commit-" + canary, world.Status.Git!.CanaryRevision);

        world.SetAnalysis(world.StartedAnalyses.Single(), AnalysisPhase.Successful);
        world.RunUntilQuiet();

        Assert.Equal("Healthy", world.Phase);
        Assert.Equal(new ResolveGitRevision(GitRevisionRole.Stable, canary, "def4567"), world.GitWork[^1]);
        Assert.Equal("commit-" + canary, world.Status.Git.StableRevision);
        Assert.DoesNotContain(world.GitWork, w => w is RevertInGit);
    }

    [Fact]
    public void A_failed_analysis_asks_for_one_revert_after_traffic_is_back_on_stable()
    {
        var world = HealthyWorld(GitSpec());
        var stable = world.Status!.StableRs!;
        world.GitWork.Clear();
        world.SetImage("api:3");
        world.RunUntilQuiet();
        var aborted = world.Status!.CurrentPodHash!;
        world.SetAnalysis(world.StartedAnalyses.Single(), AnalysisPhase.Failed, "metric success-rate: 0.61 (result[0] < 0.95); 1 failed measurements, limit 0");
        world.RunUntilQuiet();

        Assert.Equal("Degraded", world.Phase);
        var revert = Assert.Single(world.GitWork.OfType<RevertInGit>());
        Assert.Equal(aborted, revert.AbortedHash);
        Assert.Equal(stable, revert.StableHash);
        Assert.Equal("commit-" + stable, revert.StableRevision);
        Assert.Contains("metric success-rate: 0.61", revert.Reason, StringComparison.Ordinal);
        Assert.Equal(aborted, world.Status.Git!.RevertedHash);
        Assert.Equal([aborted], world.Status.Git.Rejected);

        // The sync tool applies the revert: a fast rollback, and no more Git work for that template.
        world.SetImage("api:1");
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Single(world.GitWork.OfType<RevertInGit>());

        // Someone re-commits the bad version: it waits for retry, and it is not reverted a second time.
        world.SetImage("api:3");
        world.RunUntilQuiet();
        Assert.Equal("Degraded", world.Phase);
        Assert.Single(world.GitWork.OfType<RevertInGit>());
    }

    [Fact]
    public void A_revert_that_has_not_succeeded_is_asked_for_again_and_a_manual_abort_reverts_too()
    {
        var world = HealthyWorld(GitSpec());
        world.SetImage("api:3");
        world.RunUntilQuiet();
        world.GitAnswers = false;
        world.GitWork.Clear();
        world.PatchStatus(s => s with { Abort = true });
        world.Tick();
        world.Tick();

        var reverts = world.GitWork.OfType<RevertInGit>().ToList();
        Assert.Equal(2, reverts.Count);
        Assert.All(reverts, r => Assert.Equal("aborted by user", r.Reason));
        Assert.Null(world.Status!.Git!.RevertCommit);
    }

    [Fact]
    public void Revert_none_records_revisions_but_never_reverts()
    {
        var world = HealthyWorld(GitSpec("none"));
        world.SetImage("api:3");
        world.RunUntilQuiet();
        world.PatchStatus(s => s with { Abort = true });
        world.RunUntilQuiet();

        Assert.Equal("Degraded", world.Phase);
        Assert.DoesNotContain(world.GitWork, w => w is RevertInGit);
        Assert.NotNull(world.Status!.Git!.StableRevision);
    }

    [Fact]
    public void Without_spec_git_there_is_no_git_work()
    {
        var world = HealthyWorld(GitSpec() with { Git = null });
        world.SetImage("api:3");
        world.RunUntilQuiet();
        world.PatchStatus(s => s with { Abort = true });
        world.RunUntilQuiet();

        Assert.Empty(world.GitWork);
    }

    [Fact]
    public void The_GitRevertFailed_condition_lasts_while_the_abort_does()
    {
        var world = HealthyWorld(GitSpec());
        world.SetImage("api:3");
        world.RunUntilQuiet();
        world.GitAnswers = false;
        world.PatchStatus(s => s with { Abort = true });
        world.Tick();
        var failed = new Condition { Type = RolloutConditions.GitRevertFailed, Status = "True", Reason = "PushFailed", Message = "authentication failed" };
        world.PatchStatus(s => s with { Conditions = [.. s.Conditions!, failed] });
        world.Tick();
        Assert.Contains(world.Status!.Conditions!, c => c == failed);

        world.SetImage("api:1");
        world.Tick();
        Assert.Equal("Healthy", world.Phase);
        Assert.DoesNotContain(world.Status!.Conditions!, c => c.Type == RolloutConditions.GitRevertFailed);
    }

    [Fact]
    public void The_GitRevertFailed_condition_goes_when_spec_git_stops_asking_for_reverts_during_the_abort()
    {
        var world = HealthyWorld(GitSpec());
        world.SetImage("api:3");
        world.RunUntilQuiet();
        world.GitAnswers = false;
        world.PatchStatus(s => s with { Abort = true });
        world.Tick();
        var failed = new Condition { Type = RolloutConditions.GitRevertFailed, Status = "True", Reason = "GitAuthenticationFailed", Message = "authentication failed" };
        world.PatchStatus(s => s with { Conditions = [.. s.Conditions!, failed] });

        // Nothing would ever turn a True left from before False again: it must not outlive spec.git's revert.
        world.ChangeSpec(s => s with { Git = s.Git! with { Revert = "none" } });
        world.Tick();

        Assert.Equal("Degraded", world.Phase);
        Assert.DoesNotContain(world.Status!.Conditions!, c => c.Type == RolloutConditions.GitRevertFailed);
    }
}
